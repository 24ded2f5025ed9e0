import type { AgendaItem, Meeting, Membership, Organization, Person } from '@ratsinfo/api-database';
import type { AgendaItemDto, MeetingSummaryDto, OrganizationDto, OrganizationRefDto, PersonDto } from '@ratsinfo/contracts';

type OrgRef = Pick<Organization, 'id' | 'name' | 'shortName'>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function toOrganizationRef(o: OrgRef): OrganizationRefDto {
  return { id: o.id, name: o.name, shortName: o.shortName };
}

export function toOrganizationDto(o: Organization): OrganizationDto {
  return {
    id: o.id,
    name: o.name,
    shortName: o.shortName,
    organizationType: o.organizationType,
    classification: o.classification,
    startDate: day(o.startDate),
    endDate: day(o.endDate),
  };
}

export function personDisplayName(p: Pick<Person, 'title' | 'givenName' | 'familyName' | 'affix'>): string {
  return [p.title, p.givenName, p.familyName, p.affix].filter(Boolean).join(' ');
}

export function toPersonDto(p: Person & { memberships: (Membership & { organization: OrgRef })[] }): PersonDto {
  return {
    id: p.id,
    name: personDisplayName(p),
    familyName: p.familyName,
    givenName: p.givenName,
    formOfAddress: p.formOfAddress,
    title: p.title,
    memberships: p.memberships.map((m) => ({
      id: m.id,
      organization: toOrganizationRef(m.organization),
      role: m.role,
      votingRight: m.votingRight,
      startDate: day(m.startDate),
      endDate: day(m.endDate),
    })),
  };
}

export function toMeetingSummary(m: Meeting & { organization: OrgRef }): MeetingSummaryDto {
  return {
    id: m.id,
    name: m.name,
    start: m.start.toISOString(),
    end: m.end ? m.end.toISOString() : null,
    locationText: m.locationText,
    meetingState: m.meetingState,
    cancelled: m.cancelled,
    organization: toOrganizationRef(m.organization),
  };
}

/** Only public agenda items may be passed in; the repository filters them. */
export function toAgendaItemDto(a: AgendaItem): AgendaItemDto {
  return { id: a.id, order: a.order, number: a.number, name: a.name, result: a.result };
}
