import type { ClaimKind, NewsClaim } from '@trustwatch/schemas';

/** One labelled sentence: the entity a reader would say it is about, and the claim (or none) it makes. */
export interface LabelledSentence {
  readonly text: string;
  readonly entityId: string;
  /** `null`: the sentence names the entity but makes no claim about it. */
  readonly expected: { readonly kind: ClaimKind; readonly stance: NewsClaim['stance'] } | null;
}

const SMCI = 'vendor:supermicro';
const claim = (kind: ClaimKind, stance: NewsClaim['stance'] = 'asserts') => ({ kind, stance });

/**
 * Sentences written by the team, in the register of trade and business news, about the events in
 * DOMAIN.md and ordinary hardware-security news, labelled by hand. The lexicon was tuned with them in
 * view, so the scores guard against regressions when the lexicon is edited; they do not measure how
 * the rules generalise to unseen text.
 */
export const LABELLED_SENTENCES: readonly LabelledSentence[] = [
  // Allegations, plain
  {
    text: 'Tiny chips were implanted on Super Micro motherboards during manufacturing in China.',
    entityId: SMCI,
    expected: claim('backdoor_allegation'),
  },
  {
    text: 'Investigators found a hardware backdoor on Supermicro server boards.',
    entityId: SMCI,
    expected: claim('backdoor_allegation'),
  },
  {
    text: 'A spy chip the size of a grain of rice was hidden on Super Micro boards.',
    entityId: SMCI,
    expected: claim('backdoor_allegation'),
  },
  {
    text: 'Security researchers discovered a rogue chip on Gigabyte motherboards shipped to a bank.',
    entityId: 'vendor:gigabyte',
    expected: claim('backdoor_allegation'),
  },
  {
    text: 'Attackers implanted surveillance hardware in Wistron-built servers.',
    entityId: 'supplier:wistron',
    expected: claim('backdoor_allegation'),
  },
  // Allegations, hedged
  {
    text: 'Super Micro motherboards were allegedly implanted with spy chips.',
    entityId: SMCI,
    expected: claim('backdoor_allegation', 'hedged'),
  },
  {
    text: 'Supermicro servers may have carried a hardware backdoor, people familiar with the matter said.',
    entityId: SMCI,
    expected: claim('backdoor_allegation', 'hedged'),
  },
  {
    text: 'The chips were reportedly added to Super Micro boards at subcontractor factories.',
    entityId: SMCI,
    expected: claim('backdoor_allegation', 'hedged'),
  },
  {
    text: 'Pegatron boards could have been fitted with a hidden chip, according to unverified accounts.',
    entityId: 'supplier:pegatron',
    expected: claim('backdoor_allegation', 'hedged'),
  },
  {
    text: 'Supermicro is suspected of shipping motherboards with implants.',
    entityId: SMCI,
    expected: claim('backdoor_allegation', 'hedged'),
  },
  // Allegations, negated
  {
    text: 'No spy chips were found on Super Micro motherboards.',
    entityId: SMCI,
    expected: claim('backdoor_allegation', 'denies'),
  },
  {
    text: 'There was never a backdoor in Supermicro servers, the engineers concluded.',
    entityId: SMCI,
    expected: claim('backdoor_allegation', 'denies'),
  },
  {
    text: 'Super Micro boards did not contain any implant.',
    entityId: SMCI,
    expected: claim('backdoor_allegation', 'denies'),
  },
  // Compromise and breach
  {
    text: 'Hackers breached the Supermicro support site in 2016.',
    entityId: SMCI,
    expected: claim('compromise'),
  },
  {
    text: 'The update server of Super Micro was compromised by an intruder.',
    entityId: SMCI,
    expected: claim('compromise'),
  },
  {
    text: 'Attackers infiltrated the network of Quanta and stole design files.',
    entityId: 'supplier:quanta',
    expected: claim('compromise'),
  },
  {
    text: 'Inventec systems were not compromised in the incident.',
    entityId: 'supplier:inventec',
    expected: claim('compromise', 'denies'),
  },
  {
    text: 'Foxconn factories were possibly hacked last year.',
    entityId: 'supplier:foxconn',
    expected: claim('compromise', 'hedged'),
  },
  // Malicious firmware
  {
    text: 'Servers at Apple received malicious firmware downloaded from Super Micro support pages.',
    entityId: SMCI,
    expected: claim('malicious_firmware'),
  },
  {
    text: 'Infected firmware was found on Supermicro servers in a data center.',
    entityId: SMCI,
    expected: claim('malicious_firmware'),
  },
  {
    text: 'A BMC rootkit persisted on HPE servers after reinstallation.',
    entityId: 'vendor:hpe',
    expected: claim('malicious_firmware'),
  },
  {
    text: 'Lenovo firmware was tampered with before delivery, a customer alleged.',
    entityId: 'vendor:lenovo',
    expected: claim('malicious_firmware', 'hedged'),
  },
  {
    text: 'Dell said no malicious firmware was shipped on its servers.',
    entityId: 'vendor:dell',
    expected: claim('malicious_firmware', 'denies'),
  },
  // Vulnerability disclosure
  {
    text: 'Supermicro disclosed a vulnerability in its BMC firmware image authentication.',
    entityId: SMCI,
    expected: claim('vulnerability_disclosure'),
  },
  {
    text: 'Researchers found a flaw in Aspeed BMC chips that lets attackers bypass signature checks.',
    entityId: 'supplier:aspeed',
    expected: claim('vulnerability_disclosure'),
  },
  {
    text: 'Super Micro released a security advisory for X12 boards.',
    entityId: SMCI,
    expected: claim('vulnerability_disclosure'),
  },
  {
    text: 'Intel patched a BMC vulnerability in its server boards.',
    entityId: 'supplier:intel',
    expected: claim('vulnerability_disclosure'),
  },
  {
    text: 'Gigabyte said its boards are not vulnerable to the attack.',
    entityId: 'vendor:gigabyte',
    expected: claim('vulnerability_disclosure', 'denies'),
  },
  {
    text: 'The Broadcom NIC firmware might be exploitable remotely.',
    entityId: 'supplier:broadcom',
    expected: claim('vulnerability_disclosure', 'hedged'),
  },
  // Denials
  { text: 'Super Micro denied the report.', entityId: SMCI, expected: claim('denial') },
  {
    text: 'Supermicro said it was not aware of any investigation.',
    entityId: SMCI,
    expected: claim('denial'),
  },
  {
    text: 'Apple strongly rejected the claims in the article.',
    entityId: 'vendor:apple',
    expected: claim('denial'),
  },
  { text: 'Amazon said the report was untrue.', entityId: 'vendor:amazon', expected: claim('denial') },
  { text: 'Super Micro disputed the story in a statement.', entityId: SMCI, expected: claim('denial') },
  {
    text: 'Apple found no evidence of malicious chips on its servers.',
    entityId: 'vendor:apple',
    expected: claim('denial'),
  },
  { text: 'Super Micro reportedly denied the claims.', entityId: SMCI, expected: claim('denial', 'hedged') },
  {
    text: "Super Micro's chief executive asked the magazine for a retraction.",
    entityId: SMCI,
    expected: claim('denial'),
  },
  {
    text: 'Elemental refuted every point of the story.',
    entityId: 'vendor:elemental',
    expected: claim('denial'),
  },
  // Retractions
  {
    text: 'The magazine retracted its story about Super Micro.',
    entityId: SMCI,
    expected: claim('retraction'),
  },
  {
    text: 'The outlet withdrew the report on Supermicro motherboards.',
    entityId: SMCI,
    expected: claim('retraction'),
  },
  {
    text: 'The publisher has not retracted the article about Super Micro.',
    entityId: SMCI,
    expected: claim('retraction', 'denies'),
  },
  {
    text: 'A correction was issued for the story on Supermicro servers.',
    entityId: SMCI,
    expected: claim('retraction'),
  },
  {
    text: 'The paper never withdrew its story about Super Micro.',
    entityId: SMCI,
    expected: claim('retraction', 'denies'),
  },
  // Audits and clearance
  {
    text: 'A third-party audit found no malicious hardware on Super Micro motherboards.',
    entityId: SMCI,
    expected: claim('audit_clearance'),
  },
  {
    text: 'An independent investigation found no evidence of tampering in Supermicro boards.',
    entityId: SMCI,
    expected: claim('audit_clearance'),
  },
  {
    text: 'Testing by an outside firm cleared Super Micro motherboards.',
    entityId: SMCI,
    expected: claim('audit_clearance'),
  },
  {
    text: 'An inspection of Wistron lines found nothing unusual.',
    entityId: 'supplier:wistron',
    expected: claim('audit_clearance'),
  },
  {
    text: 'The audit of Super Micro motherboards did not find any sign of implants.',
    entityId: SMCI,
    expected: claim('audit_clearance'),
  },
  // Relocation
  {
    text: 'OSE moved motherboard production from Suzhou to Kaohsiung.',
    entityId: 'supplier:ose',
    expected: claim('relocation'),
  },
  {
    text: 'Super Micro told suppliers to move production out of China.',
    entityId: SMCI,
    expected: claim('relocation'),
  },
  {
    text: 'Wistron will shift server manufacturing to Mexico next year.',
    entityId: 'supplier:wistron',
    expected: claim('relocation'),
  },
  {
    text: 'Pegatron plans to relocate assembly lines to Vietnam.',
    entityId: 'supplier:pegatron',
    expected: claim('relocation'),
  },
  {
    text: 'USI has no plan to move production out of Shanghai.',
    entityId: 'supplier:usi',
    expected: claim('relocation', 'denies'),
  },
  // Sanctions and export control
  {
    text: 'Inspur was added to the Entity List by the US Commerce Department.',
    entityId: 'vendor:inspur',
    expected: claim('sanctions'),
  },
  {
    text: 'New export controls restrict Nvidia from shipping accelerators to China.',
    entityId: 'supplier:nvidia',
    expected: claim('sanctions'),
  },
  {
    text: 'The government sanctioned Inspur subsidiaries.',
    entityId: 'vendor:inspur',
    expected: claim('sanctions'),
  },
  {
    text: 'AMD is not subject to the export ban, the ministry said.',
    entityId: 'supplier:amd',
    expected: claim('sanctions', 'denies'),
  },
  // No claim
  { text: 'Super Micro is the third-largest server maker.', entityId: SMCI, expected: null },
  { text: 'Supermicro reported quarterly revenue above expectations.', entityId: SMCI, expected: null },
  { text: 'Wistron, Pegatron and USI supply motherboards to Super Micro.', entityId: SMCI, expected: null },
  { text: 'Super Micro shares rose four percent on Tuesday.', entityId: SMCI, expected: null },
  { text: 'Dell unveiled a new line of rack servers in May.', entityId: 'vendor:dell', expected: null },
  { text: 'Lenovo hired a new head of its data center group.', entityId: 'vendor:lenovo', expected: null },
  { text: 'The Aspeed AST2600 is a common BMC chip.', entityId: 'supplier:aspeed', expected: null },
];
