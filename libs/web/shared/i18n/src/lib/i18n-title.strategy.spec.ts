import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { I18nService } from './i18n.service';
import { provideI18n, titleKey } from './i18n-title.strategy';

@Component({ selector: 'sc-test-page', template: 'page' })
class PageComponent {}

describe('I18nTitleStrategy', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'login', title: titleKey('titles.signIn'), component: PageComponent },
          { path: 'plain', title: 'Plain title', component: PageComponent },
          { path: 'untitled', component: PageComponent },
        ]),
        provideI18n(),
      ],
    });
  });

  it('translates route titles that are keys and follows a language switch', async () => {
    const harness = await RouterTestingHarness.create('/login');
    const title = TestBed.inject(Title);
    expect(title.getTitle()).toBe('Sign in · SUPCHAT');

    TestBed.inject(I18nService).setLocale('fr');
    TestBed.tick();
    expect(title.getTitle()).toBe('Connexion · SUPCHAT');

    await harness.navigateByUrl('/plain');
    expect(title.getTitle()).toBe('Plain title');
  });
});
