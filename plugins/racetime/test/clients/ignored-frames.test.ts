import t from 'tap';
import { isIgnoredFrame } from '../../src/clients/ignored-frames.js';

const frame = (text: string) => Buffer.from(text);

t.test(
  'race.renders and race.split frames are recognised from their first bytes, as racetime.gg writes them',
  async (t) => {
    // Python's json.dumps (racetime.gg) puts a space after ':' and ','; JSON.stringify does not.
    t.ok(
      isIgnoredFrame(
        frame('{"type": "race.renders", "date": "2026-07-20T18:05:00.123456+00:00", "renders": {}}'),
      ),
    );
    t.ok(isIgnoredFrame(frame('{"type":"race.renders","renders":{"entrants":"<div>')));
    t.ok(isIgnoredFrame(frame('{"type": "race.split", "split": {"split_name": "agahnim"}}')));
    t.ok(isIgnoredFrame(frame('{ "type" : "race.renders" }')));
  },
);

t.test('every other frame is read', async (t) => {
  t.notOk(isIgnoredFrame(frame('{"type": "race.data", "race": {}, "version": 27}')));
  t.notOk(isIgnoredFrame(frame('{"type": "chat.message", "message": {"message": "race.renders"}}')));
  t.notOk(isIgnoredFrame(frame('{"type": "race.rendersx"}')), 'an unknown type that only starts alike');
  t.notOk(
    isIgnoredFrame(frame('{"date": "...", "type": "race.renders"}')),
    'type not first: parsed, to be safe',
  );
  t.notOk(isIgnoredFrame(frame('')));
  t.notOk(isIgnoredFrame(frame('not json')));
});
