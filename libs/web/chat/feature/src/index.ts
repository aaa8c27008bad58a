export { chatRoutes } from './lib/chat.routes';
export { ChatShellComponent } from './lib/shell/chat-shell.component';
