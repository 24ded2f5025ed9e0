import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import type { PortalAgendaItem, PortalAttendance, PortalAttendanceStatus, PortalMeetingDetail, PortalResultKind, PortalVoteChoice, PortalVotes } from '@ratsinfo/contracts';
import { LanguageService, formatTime } from '@ratsinfo/web-ui';

interface AttendanceLine {
  id: string;
  name: string;
  /** i18n key and parameters of each detail ("Vertretung für …", "ab 18:25 Uhr"). */
  details: { key: string; params: Record<string, string> }[];
}

/**
 * The results of a held meeting on the portal: per public item that was decided the result (words
 * and kind), the vote counts, a named vote as a table and who declared a conflict of interest;
 * then the attendance list. Renders nothing for a meeting that has not been held (the API sends
 * `attendance` only for held meetings). Non-public items never reach the portal.
 */
@Component({
  selector: 'ri-meeting-results',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-results.html',
  styles: `
    .ri-result + .ri-result {
      margin-top: var(--kern-metric-space-large, 24px);
    }
    .ri-result__kind {
      margin-left: var(--kern-metric-space-x-small, 8px);
    }
    .ri-result__table {
      max-width: 40rem;
    }
    .ri-result__table caption {
      text-align: start;
    }
    .ri-attendance__details {
      color: var(--kern-color-layout-text-muted, inherit);
    }
    .ri-disclosure > summary {
      cursor: pointer;
      padding-block: var(--kern-metric-space-small, 8px);
    }
    .ri-attendance__heading:not(:first-of-type) {
      margin-top: var(--kern-metric-space-large, 24px);
    }
    /* long lists of names in columns where there is room; one column on phones */
    .ri-attendance__list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      column-gap: var(--kern-metric-space-x-large, 32px);
    }
  `,
})
export class MeetingResults {
  private readonly language = inject(LanguageService);

  readonly meeting = input.required<PortalMeetingDetail>();

  /** Public items with a recorded decision, votes or a declared conflict, in agenda order. */
  protected readonly decided = computed(() =>
    [...this.meeting().agendaItems]
      .sort((a, b) => a.order - b.order)
      .filter((a) => a.resultKind || a.votes || (a.conflictsOfInterest?.length ?? 0) > 0),
  );

  /** Present (members, deputies, guests), excused, absent; empty groups are left out. */
  protected readonly attendance = computed(() => {
    const rows = this.meeting().attendance ?? [];
    const groups: { status: PortalAttendanceStatus; lines: AttendanceLine[] }[] = [];
    for (const status of ['present', 'excused', 'absent'] as const) {
      const lines = rows.filter((r) => r.status === status).map((r) => this.line(r));
      if (lines.length > 0) groups.push({ status, lines });
    }
    return groups;
  });

  /** t(meetingResults.kind.accepted, meetingResults.kind.rejected, meetingResults.kind.referred, meetingResults.kind.postponed, meetingResults.kind.taken_note) */
  protected kindKey(kind: PortalResultKind): string {
    return `meetingResults.kind.${kind}`;
  }

  /** t(meetingResults.vote.yes, meetingResults.vote.no, meetingResults.vote.abstain) */
  protected voteKey(vote: PortalVoteChoice): string {
    return `meetingResults.vote.${vote}`;
  }

  /** t(meetingResults.attendance.present, meetingResults.attendance.excused, meetingResults.attendance.absent) */
  protected groupKey(status: PortalAttendanceStatus): string {
    return `meetingResults.attendance.${status}`;
  }

  /** "12 Ja, 3 Nein, 1 Enthaltung". t(meetingResults.votes.summaryOne, meetingResults.votes.summaryOther) */
  protected votesKey(v: PortalVotes): string {
    return v.abstain === 1 ? 'meetingResults.votes.summaryOne' : 'meetingResults.votes.summaryOther';
  }

  protected itemLabel(item: PortalAgendaItem): string {
    return item.number ?? String(item.order);
  }

  /** t(meetingResults.attendance.deputyFor, meetingResults.attendance.guest, meetingResults.attendance.arrived, meetingResults.attendance.left) */
  private line(r: PortalAttendance): AttendanceLine {
    const lang = this.language.active();
    const details: AttendanceLine['details'] = [];
    if (r.role === 'deputy' && r.deputyFor) details.push({ key: 'meetingResults.attendance.deputyFor', params: { name: r.deputyFor.name } });
    if (r.role === 'guest') details.push({ key: 'meetingResults.attendance.guest', params: {} });
    if (r.arrivedAt) details.push({ key: 'meetingResults.attendance.arrived', params: { time: formatTime(r.arrivedAt, lang) } });
    if (r.leftAt) details.push({ key: 'meetingResults.attendance.left', params: { time: formatTime(r.leftAt, lang) } });
    return { id: r.person.id, name: r.person.name, details };
  }
}
