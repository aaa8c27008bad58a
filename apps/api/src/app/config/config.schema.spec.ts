import { ConfigError, loadConfig } from './config.schema';

const SECRET = 'x'.repeat(32);

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env, '/srv/supchat');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('applies the embedded defaults in development and generates a JWT secret with a warning', () => {
    const { config, warnings } = loadConfig({}, '/srv/supchat');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ engine: 'sqlite', sqlitePath: '/srv/supchat/data/supchat.db' });
    expect(config.jwt.generatedSecret).toBe(true);
    expect(Buffer.byteLength(config.jwt.secret)).toBeGreaterThanOrEqual(32);
    expect(config.jwt.accessTtlSeconds).toBe(15 * 60);
    expect(config.corsOrigins).toEqual(['http://localhost:3000']);
    expect(warnings.join()).toContain('JWT_SECRET');
  });

  it('refuses to boot in production without JWT_SECRET, naming the variable', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^JWT_SECRET: is required when NODE_ENV=production/),
    ]);
  });

  it('takes TEST_FAILPOINTS only in tests, and only known ones', () => {
    expect(loadConfig({}).config.failpoints.size).toBe(0);
    const { config } = loadConfig({ NODE_ENV: 'test', TEST_FAILPOINTS: 'crash-after-commit' });
    expect([...config.failpoints]).toEqual(['crash-after-commit']);
    expect(problemsOf({ TEST_FAILPOINTS: 'crash-after-commit' })).toEqual([
      'TEST_FAILPOINTS: only allowed when NODE_ENV=test',
    ]);
    expect(
      problemsOf({ NODE_ENV: 'production', JWT_SECRET: SECRET, TEST_FAILPOINTS: 'crash-after-commit' }),
    ).toEqual(['TEST_FAILPOINTS: only allowed when NODE_ENV=test']);
    expect(problemsOf({ NODE_ENV: 'test', TEST_FAILPOINTS: 'crash-after-commit,explode' })).toEqual([
      'TEST_FAILPOINTS.1: must be a comma-separated list of: crash-after-commit',
    ]);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes', () => {
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([expect.stringMatching(/^JWT_SECRET: .*32 bytes/)]);
  });

  it('names every bad variable and its rule', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      JWT_ACCESS_TTL: 'soon',
      MONGODB_URI: 'postgres://x',
      CORS_ORIGINS: 'https://ok.example, ftp://nope',
      LOG_LEVEL: 'loud',
    });
    expect(problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'CORS_ORIGINS.1',
      'JWT_ACCESS_TTL',
      'LOG_LEVEL',
      'MONGODB_URI',
      'PORT',
    ]);
  });

  it('chooses MongoDB when MONGODB_URI is set and treats empty variables as unset', () => {
    const { config } = loadConfig({
      MONGODB_URI: 'mongodb://db:27017/supchat',
      REDIS_URL: '',
      JWT_SECRET: SECRET,
    });
    expect(config.database).toEqual({ engine: 'mongo', mongodbUri: 'mongodb://db:27017/supchat' });
    expect(config.redisUrl).toBeNull();
    expect(config.jwt.generatedSecret).toBe(false);
  });

  it('adds PUBLIC_URL to the allowed origins and normalises them', () => {
    const { config } = loadConfig({
      PUBLIC_URL: 'https://chat.example.com/',
      CORS_ORIGINS: 'https://admin.example.com/path',
      JWT_SECRET: SECRET,
    });
    expect(config.corsOrigins).toEqual(['https://chat.example.com', 'https://admin.example.com']);
  });
});
