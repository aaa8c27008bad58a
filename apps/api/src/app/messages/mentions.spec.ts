import { parseMentions } from './mentions';

describe('parseMentions', () => {
  it('finds @usernames once each, lower-cased, and channel-wide mentions', () => {
    expect(parseMentions('hey @Alice and @bob_2, also @alice again')).toEqual({
      usernames: ['alice', 'bob_2'],
      channel: false,
    });
    expect(parseMentions('@here deploy is done')).toEqual({ usernames: [], channel: true });
    expect(parseMentions('ping @channel and @everyone')).toEqual({ usernames: [], channel: true });
  });

  it('drops sentence punctuation after a name but keeps dots and dashes inside it', () => {
    expect(parseMentions('thanks @jane.doe.').usernames).toEqual(['jane.doe']);
    expect(parseMentions('(@ann-marie), @x').usernames).toEqual(['ann-marie']);
  });

  it('ignores email addresses, code and names that are too long', () => {
    expect(parseMentions('write to someone@example.com').usernames).toEqual([]);
    expect(parseMentions('run `npm @scope` or\n```\n@alice in code\n```').usernames).toEqual([]);
    expect(parseMentions(`@${'a'.repeat(33)}`).usernames).toEqual([]);
  });
});
