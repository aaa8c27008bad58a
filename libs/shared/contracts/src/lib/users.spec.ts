import { LoginRequestSchema, RegisterRequestSchema, UsernameSchema, UserSearchQuerySchema } from './users';

describe('UsernameSchema', () => {
  it('lower-cases and trims, so uniqueness can be case-insensitive', () => {
    expect(UsernameSchema.parse('  Alice.B-2 ')).toBe('alice.b-2');
  });

  it.each(['a', 'x'.repeat(33), 'has space', 'émile', 'semi;colon', ''])('rejects %j', (value) => {
    expect(UsernameSchema.safeParse(value).success).toBe(false);
  });
});

describe('RegisterRequestSchema', () => {
  const valid = { email: 'Alice@Example.com ', username: 'alice', password: 'correct horse' };

  it('accepts a valid registration and trims the email', () => {
    expect(RegisterRequestSchema.parse(valid)).toEqual({ ...valid, email: 'Alice@Example.com' });
  });

  it('names the field of every problem', () => {
    const result = RegisterRequestSchema.safeParse({ email: 'nope', username: 7, password: 'short' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['email', 'password', 'username']);
  });

  it('rejects passwords longer than 128 characters so hashing cannot be abused', () => {
    expect(RegisterRequestSchema.safeParse({ ...valid, password: 'p'.repeat(129) }).success).toBe(false);
  });

  it('rejects unknown keys such as __proto__', () => {
    const payload = JSON.parse(
      '{"email":"a@b.co","username":"ab","password":"12345678","__proto__":{"x":1}}',
    );
    const result = RegisterRequestSchema.safeParse(payload);
    expect(result.success).toBe(false);
  });

  it('rejects operator objects where strings belong', () => {
    expect(LoginRequestSchema.safeParse({ email: { $gt: '' }, password: 'x' }).success).toBe(false);
  });
});

describe('UserSearchQuerySchema', () => {
  it('coerces the limit from the query string and applies the default', () => {
    expect(UserSearchQuerySchema.parse({ limit: '5' })).toEqual({ limit: 5 });
    expect(UserSearchQuerySchema.parse({})).toEqual({ limit: 20 });
  });

  it('bounds the limit', () => {
    expect(UserSearchQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
  });
});
