import { DialogRef } from '@angular/cdk/dialog';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { LIMITS } from '@supchat/constants';
import { describeApiError } from '@supchat/web/auth/data-access';
import { ChannelsStore } from '@supchat/web/chat/data-access';
import { TranslatePipe } from '@supchat/web/shared/i18n';

/** Creates a public or private channel and opens it. */
@Component({
  selector: 'sc-create-channel-dialog',
  imports: [ReactiveFormsModule, TranslatePipe],
  template: `
    <h2 id="create-channel-title">{{ 'chat.createTitle' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()">
      <label for="channel-name">{{ 'chat.createName' | t }}</label>
      <input
        id="channel-name"
        class="text-field"
        formControlName="name"
        [maxlength]="limits.channelName.max"
        required
        aria-describedby="channel-name-hint"
        autocomplete="off"
        cdkFocusInitial
      />
      <p class="hint" id="channel-name-hint">{{ 'chat.createNameHint' | t }}</p>
      <label for="channel-topic"
        >{{ 'chat.createTopic' | t }} <span class="muted">{{ 'common.optional' | t }}</span></label
      >
      <input
        id="channel-topic"
        class="text-field"
        formControlName="topic"
        [maxlength]="limits.channelTopic.max"
        autocomplete="off"
      />
      <label class="check"
        ><input type="checkbox" formControlName="isPrivate" /> {{ 'chat.createPrivate' | t }}</label
      >
      @if (error(); as message) {
        <p class="error" role="alert">{{ message }}</p>
      }
      <div class="actions">
        <button type="button" class="button button-secondary" (click)="close()">
          {{ 'common.cancel' | t }}
        </button>
        <button type="submit" class="button button-primary" [disabled]="pending() || form.invalid">
          {{ 'chat.createSubmit' | t }}
        </button>
      </div>
    </form>
  `,
  styleUrl: './dialog.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CreateChannelDialogComponent {
  private readonly dialogRef = inject(DialogRef);
  private readonly channels = inject(ChannelsStore);
  private readonly router = inject(Router);

  protected readonly limits = LIMITS;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, Validators.maxLength(LIMITS.channelName.max)]],
    topic: ['', [Validators.maxLength(LIMITS.channelTopic.max)]],
    isPrivate: [false],
  });

  protected close(): void {
    this.dialogRef.close();
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.pending()) return;
    this.pending.set(true);
    this.error.set(null);
    const { name, topic, isPrivate } = this.form.getRawValue();
    try {
      const channel = await this.channels.create({
        name,
        type: isPrivate ? 'private' : 'public',
        ...(topic.trim() ? { topic: topic.trim() } : {}),
      });
      this.dialogRef.close();
      await this.router.navigate(['/c', channel.id]);
    } catch (error) {
      this.error.set(describeApiError(error).message);
    } finally {
      this.pending.set(false);
    }
  }
}
