import { Type } from 'typebox';
import { badRequest } from '../errors.js';
import { Page, PageQuery } from '../http/pagination.js';
import { NullableTimestamp } from '../http/timestamp.js';
import type { RacedeskApp } from '../plugins/contract.js';

const JobState = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('completed'),
  Type.Literal('failed'),
  Type.Literal('repeating'),
]);

const Job = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: '<plugin>:<job>' }),
    state: JobState,
    nextRunAt: NullableTimestamp,
    lastRunAt: NullableTimestamp,
    lastFinishedAt: NullableTimestamp,
    failCount: Type.Integer(),
    failReason: Type.Union([Type.String(), Type.Null()], { description: 'The last error' }),
    repeatInterval: Type.Union([Type.String(), Type.Null()]),
    data: Type.Unknown(),
  },
  { title: 'Job' },
);

// The job store pages by position (Agenda's skip), wrapped in the usual opaque cursor.
const encode = (skip: number) => Buffer.from(JSON.stringify({ skip })).toString('base64url');
function decode(cursor: string): number {
  try {
    const { skip } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { skip?: unknown };
    if (Number.isSafeInteger(skip) && (skip as number) >= 0) return skip as number;
  } catch {
    // falls through to the error below
  }
  throw badRequest('RD_PAGE_CURSOR', 'cursor is not a cursor this list returned');
}

/** `GET /api/v1/jobs` (superadmin): the jobs in the store, as `racedesk jobs` lists them. */
export async function jobRoutes(app: RacedeskApp): Promise<void> {
  const { scheduler } = app.racedesk;
  app.get(
    '/api/v1/jobs',
    {
      config: { auth: 'superadmin' },
      schema: {
        tags: ['jobs'],
        summary: 'Jobs with their state, next run and last failure (superadmin), soonest first',
        querystring: Type.Intersect([
          PageQuery,
          Type.Object({
            name: Type.Optional(
              Type.String({ maxLength: 200, description: 'Only this job, e.g. racetime:open-room' }),
            ),
            state: Type.Optional(JobState),
          }),
        ]),
        response: { 200: Page(Job) },
      },
    },
    async (request) => {
      const { name, state, cursor } = request.query;
      const limit = request.query.limit ?? 25;
      const skip = cursor ? decode(cursor) : 0;
      const jobs = await scheduler.list({
        name,
        state,
        limit: limit + 1,
        skip,
      });
      return {
        items: jobs.slice(0, limit),
        nextCursor: jobs.length > limit ? encode(skip + limit) : null,
      };
    },
  );
}
