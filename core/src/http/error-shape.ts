import { Type } from 'typebox';

/** The one error shape of the API: `{ error: { code, message, details? } }`. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. RD_MATCH_NOT_FOUND' }),
      message: Type.String({ description: 'What went wrong, for people' }),
      details: Type.Optional(Type.Unknown({ description: 'Structured detail, e.g. the invalid fields' })),
    }),
  },
  { $id: 'ErrorResponse', title: 'Error' },
);
