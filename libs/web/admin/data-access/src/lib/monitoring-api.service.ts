import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Channel } from '@supchat/contracts';
import { firstValueFrom } from 'rxjs';

/** The monitoring REST routes (DESIGN section 2); the auth interceptor adds the bearer token. */
@Injectable({ providedIn: 'root' })
export class MonitoringApiService {
  private readonly http = inject(HttpClient);

  /** The caller's private probe channel (`probe-<username>`), created on first use. Admins only. */
  probeChannel(): Promise<Channel> {
    return firstValueFrom(this.http.post<Channel>('/api/monitoring/probe-channel', null));
  }
}
