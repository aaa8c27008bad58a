/** REST endpoints of the auth contract (DESIGN section 2). */
export const AUTH_ENDPOINTS = {
  register: '/api/auth/register',
  login: '/api/auth/login',
  refresh: '/api/auth/refresh',
  logout: '/api/auth/logout',
  me: '/api/users/me',
} as const;

/** Endpoints that must never carry a bearer token nor trigger a refresh-and-retry. */
export const PUBLIC_AUTH_ENDPOINTS: readonly string[] = [
  AUTH_ENDPOINTS.register,
  AUTH_ENDPOINTS.login,
  AUTH_ENDPOINTS.refresh,
];
