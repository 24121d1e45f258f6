// Stable application ids when groups merge or split, what an event records, and how the review
// state reacts to recomputation.
import { describe, expect, it } from 'vitest';
import { applicationContent, describeChanges } from '../../../src/applications/application-content.ts';
import { assignIdentities } from '../../../src/applications/assign-identities.ts';
import { buildApplication } from '../../../src/applications/build-application.ts';
import { stateAfterRecompute } from '../../../src/applications/review-states.ts';
import { wuhanDatasetCall2025 as campaign } from '../../../src/campaign/campaign.ts';
import { member } from './member-fixtures.ts';

const held = (messageId: string, at: string, applicationId: string | null) => ({ messageId, receivedAt: new Date(at), applicationId });

describe('assignIdentities', () => {
  it('keeps the application of an unchanged or grown group, and creates one for a new group', () => {
    const plan = assignIdentities(
      [[held('1', '2025-10-30T10:00:00Z', '7'), held('5', '2025-10-31T10:00:00Z', null)], [held('3', '2025-10-30T12:00:00Z', null)]],
      ['7'],
    );
    expect(plan).toEqual({ ids: ['7', null], retired: [] });
  });

  it('merges two applications into the oldest one when a new email links them', () => {
    const group = [held('1', '2025-10-30T10:00:00Z', '9'), held('2', '2025-10-31T10:00:00Z', '4'), held('3', '2025-11-01T10:00:00Z', null)];
    expect(assignIdentities([group], ['9', '4'])).toEqual({ ids: ['4'], retired: [{ applicationId: '9', mergedInto: '4' }] });
  });

  it('on a split, the part holding the application’s earliest member keeps it; the other part is new', () => {
    const plan = assignIdentities([[held('2', '2025-10-31T10:00:00Z', '4')], [held('1', '2025-10-30T10:00:00Z', '4')]], ['4']);
    expect(plan).toEqual({ ids: [null, '4'], retired: [] });
  });

  it('retires an application whose last member left', () => {
    expect(assignIdentities([], ['4'])).toEqual({ ids: [], retired: [{ applicationId: '4', mergedInto: null }] });
  });
});

describe('describeChanges', () => {
  const forms = member({ id: '1', at: '2025-11-03T10:00:00+08:00', carries: ['form1', 'form2', 'form3'] });
  const rest = member({ id: '2', at: '2025-11-04T09:00:00+08:00', carries: ['stamped_scan', 'samples'] });
  const content = (...ms: (typeof forms)[]) => applicationContent(buildApplication(ms, campaign));

  it('records the new member, the materials it added and the flags before and after', () => {
    const change = describeChanges(content(forms), content(forms, rest));
    expect(change).toMatchObject({
      membersAdded: [expect.objectContaining({ submission_id: '2' })],
      membersRemoved: [],
      materials: [
        expect.objectContaining({ kind: 'stamped_scan', change: 'added' }),
        expect.objectContaining({ kind: 'samples', change: 'added' }),
      ],
      flagsBefore: ['MISSING_ATTACHMENT:samples', 'MISSING_ATTACHMENT:stamped_scan'],
      flagsAfter: [],
      complete: { from: false, to: true },
    });
  });

  it('records a replaced material', () => {
    const corrected = member({
      id: '3',
      at: '2025-11-05T09:00:00+08:00',
      carries: ['form1'],
      files: [{ filename: '附件1(更正).docx', kind: 'form1', readable: true }],
    });
    const change = describeChanges(content(forms, rest), content(forms, rest, corrected));
    expect(change?.materials).toEqual([
      expect.objectContaining({ kind: 'form1', change: 'replaced', to: expect.objectContaining({ filename: '附件1(更正).docx' }) }),
    ]);
  });

  it('is null when a recomputation changes nothing (reprocessing), even with jsonb key order', () => {
    const stored = JSON.parse(JSON.stringify(content(forms, rest)));
    stored.record = Object.fromEntries(Object.entries(stored.record).reverse());
    stored.firstReceivedAt = new Date(stored.firstReceivedAt);
    stored.lastReceivedAt = new Date(stored.lastReceivedAt);
    expect(describeChanges(stored, content(rest, forms))).toBeNull();
  });
});

describe('review state after a recomputation', () => {
  it('returns 退回补充 to 待审核 when a member arrives, and keeps every decision otherwise', () => {
    expect(stateAfterRecompute('退回补充', 1)).toBe('待审核');
    expect(stateAfterRecompute('退回补充', 0)).toBe('退回补充');
    expect(stateAfterRecompute('已通过', 1)).toBe('已通过');
    expect(stateAfterRecompute('不予受理', 1)).toBe('不予受理');
  });
});
