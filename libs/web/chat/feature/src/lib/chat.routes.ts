import type { Routes } from '@angular/router';
import { provideChat } from '@supchat/web/chat/data-access';
import { titleKey } from '@supchat/web/shared/i18n';
import { ChannelViewComponent } from './channel-view/channel-view.component';
import { ChatShellComponent } from './shell/chat-shell.component';
import { WelcomeComponent } from './welcome/welcome.component';

/** The signed-in app (lazy-loaded behind the auth guard): `/` and `/c/:channelId?thread=<id>`. */
export const chatRoutes: Routes = [
  {
    path: '',
    component: ChatShellComponent,
    providers: [provideChat()],
    children: [
      { path: '', pathMatch: 'full', title: titleKey('titles.home'), component: WelcomeComponent },
      { path: 'c/:channelId', title: titleKey('titles.home'), component: ChannelViewComponent },
    ],
  },
];
