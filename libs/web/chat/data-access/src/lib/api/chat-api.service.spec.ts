import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ChatApiService } from './chat-api.service';

describe('ChatApiService', () => {
  let api: ChatApiService;
  let http: HttpTestingController;
  const id = 'a'.repeat(24);

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(ChatApiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('pages history with before/limit and leaves out what is not given', async () => {
    const page = api.history(id, { before: 40, limit: 50 });
    const request = http.expectOne((r) => r.url === `/api/channels/${id}/messages`);
    expect(request.request.method).toBe('GET');
    expect(request.request.params.keys().sort()).toEqual(['before', 'limit']);
    expect(request.request.params.get('before')).toBe('40');
    request.flush({ messages: [], hasMore: false });
    await expect(page).resolves.toEqual({ messages: [], hasMore: false });
  });

  it('encodes an emoji in the reaction path', async () => {
    const done = api.addReaction(id, '👍🏽');
    const request = http.expectOne(`/api/messages/${id}/reactions/${encodeURIComponent('👍🏽')}`);
    expect(request.request.method).toBe('PUT');
    request.flush({});
    await done;
  });

  it('resolves a 204 leave with nothing, and rejects with the HTTP error', async () => {
    const leave = api.leaveChannel(id);
    http.expectOne(`/api/channels/${id}/leave`).flush(null, { status: 204, statusText: 'No Content' });
    await expect(leave).resolves.toBeUndefined();

    const join = api.joinChannel(id);
    http
      .expectOne(`/api/channels/${id}/join`)
      .flush(
        { statusCode: 403, code: 'FORBIDDEN', message: 'private', requestId: 'r' },
        { status: 403, statusText: 'Forbidden' },
      );
    await expect(join).rejects.toMatchObject({ status: 403, error: { code: 'FORBIDDEN' } });
  });

  it('searches users and opens direct conversations with the contract bodies', async () => {
    const search = api.searchUsers('bo', 5);
    const request = http.expectOne((r) => r.url === '/api/users');
    expect(request.request.params.get('q')).toBe('bo');
    expect(request.request.params.get('limit')).toBe('5');
    request.flush([]);
    await search;

    const direct = api.openDirect([id]);
    const post = http.expectOne('/api/channels/direct');
    expect(post.request.body).toEqual({ userIds: [id] });
    post.flush({});
    await direct;
  });
});
