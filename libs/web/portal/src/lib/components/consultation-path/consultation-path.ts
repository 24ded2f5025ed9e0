import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalConsultation } from '@ratsinfo/contracts';
import { LanguageService, formatDate } from '@ratsinfo/web-ui';

/** Where a step of the path stands: deliberated, on an upcoming agenda, or not yet scheduled. */
export type StepState = 'done' | 'scheduled' | 'open';

export function stepState(step: PortalConsultation, now: Date): StepState {
  if (!step.meeting) return 'open';
  if (step.agendaItem?.result) return 'done';
  if (step.meeting.cancelled) return 'open';
  return Date.parse(step.meeting.start) < now.getTime() ? 'done' : 'scheduled';
}

/**
 * The consultation path (Beratungsfolge) as an ordered list drawn as a timeline: each body in
 * order, its role, the meeting and agenda item where it was (or will be) deliberated and the
 * result once recorded. The first step not yet deliberated is marked as the current one
 * (`aria-current="step"`); every state is said in words, the markers only repeat it.
 */
@Component({
  selector: 'ri-consultation-path',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="ri-path">
      @for (step of steps(); track step.id) {
        <li class="ri-path__step" [class]="'ri-path__step ri-path__step--' + step.state" [attr.aria-current]="step.current ? 'step' : null" [attr.data-consultation-id]="step.id">
          <span class="ri-path__marker" aria-hidden="true"></span>
          <div class="ri-path__body">
            <p class="kern-body ri-path__head">
              <span class="kern-sr-only">{{ 'portalContent.paper.path.step' | transloco: { position: step.position, count: steps().length } }}&ngsp;</span>
              <a class="kern-link" [routerLink]="['/', tenantSlug(), 'gremien', step.organization.id]">{{ step.organization.name }}</a>
              @if (step.role) {
                <span> – {{ step.role }}</span>
              }
              @if (step.authoritative) {
                &ngsp;<span class="kern-badge kern-badge--info ri-path__badge"><span class="kern-label">{{ 'portalContent.paper.path.authoritative' | transloco }}</span></span>
              }
            </p>
            <p class="kern-body kern-body--small ri-path__where">
              @if (step.meeting; as meeting) {
                <a class="kern-link" [routerLink]="['/', tenantSlug(), 'sitzungen', meeting.id]">{{ meeting.name }}</a>,
                <time [attr.datetime]="meeting.start">{{ step.meetingDate }}</time>
                @if (step.agendaItem?.number; as number) {
                  <span>, {{ 'portalContent.paper.path.item' | transloco: { number: number } }}</span>
                }
                @if (meeting.cancelled) {
                  &ngsp;<span class="kern-badge kern-badge--danger ri-path__badge"><span class="kern-label">{{ 'meetings.cancelled' | transloco }}</span></span>
                }
              } @else {
                {{ 'portalContent.paper.path.notScheduled' | transloco }}
              }
            </p>
            <p class="kern-body kern-body--small ri-path__state">
              @switch (step.state) {
                @case ('done') {
                  @if (step.agendaItem?.result; as result) {
                    {{ 'portalContent.paper.path.result' | transloco: { result: result } }}
                  } @else {
                    {{ 'portalContent.paper.path.deliberated' | transloco }}
                  }
                }
                @case ('scheduled') {
                  {{ 'portalContent.paper.path.scheduled' | transloco }}
                }
                @default {
                  {{ 'portalContent.paper.path.open' | transloco }}
                }
              }
              @if (step.current) {
                &ngsp;<strong class="ri-path__current">({{ 'portalContent.paper.path.current' | transloco }})</strong>
              }
            </p>
          </div>
        </li>
      }
    </ol>
  `,
  styles: `
    .ri-path {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .ri-path__step {
      position: relative;
      display: flex;
      gap: var(--kern-metric-space-default, 16px);
      padding-bottom: var(--kern-metric-space-large, 24px);
    }
    /* the line between markers */
    .ri-path__step:not(:last-child)::before {
      content: '';
      position: absolute;
      left: 0.6875rem;
      top: 1.5rem;
      bottom: 0;
      border-left: 2px solid var(--kern-color-layout-border, #767676);
    }
    .ri-path__marker {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin-top: 0.125rem;
      border-radius: 50%;
      border: 2px solid var(--kern-color-action-default, #0a5cc1);
      background: var(--kern-color-layout-background-default, #fff);
    }
    .ri-path__step--done .ri-path__marker {
      background: var(--kern-color-action-default, #0a5cc1);
    }
    .ri-path__step--open .ri-path__marker {
      border-style: dashed;
    }
    .ri-path__body {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .ri-path__body p {
      margin: 0;
    }
    /* KERN links are inline-flex: a wrapped meeting name pushed its comma to the start of the next line. */
    .ri-path__body .kern-link {
      display: inline;
      padding-block: 0;
    }
    .ri-path__head {
      font-weight: 600;
    }
    .ri-path__badge {
      min-height: auto;
      margin-left: var(--kern-metric-space-small, 8px);
      font-weight: normal;
    }
  `,
})
export class ConsultationPath {
  private readonly language = inject(LanguageService);
  readonly consultations = input.required<readonly PortalConsultation[]>();
  readonly tenantSlug = input.required<string>();
  readonly now = input.required<Date>();

  protected readonly steps = computed(() => {
    const language = this.language.active();
    const steps = this.consultations().map((c) => ({ ...c, state: stepState(c, this.now()), meetingDate: formatDate(c.meeting?.start, language) }));
    const current = steps.findIndex((s) => s.state !== 'done');
    return steps.map((s, i) => ({ ...s, current: i === current }));
  });
}
