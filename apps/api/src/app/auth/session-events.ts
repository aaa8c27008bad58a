import { Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { Subject } from 'rxjs';

/** Tells the rest of the server that a session ended (logout), so its sockets can be cut. */
@Injectable()
export class SessionEvents {
  private readonly endedSessions = new Subject<string>();

  readonly ended: Observable<string> = this.endedSessions.asObservable();

  end(sessionId: string): void {
    this.endedSessions.next(sessionId);
  }
}
