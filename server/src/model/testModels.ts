// Models for tests of what is decided after the CRF: a model that calls every line one kind, so
// that only the rules speak. Test support only: nothing in the product imports it.
import { modelFromJson, type CrfModel } from './crf';
import { prepare, recognize, RECOGNIZED_KINDS } from './recognize';
import { defaultKnowledge, type Knowledge } from './knowledge';
import type { BlockKind } from './types';

/**
 * A CRF of the given weights, feature by feature and kind by kind (`{ bias: { boilerplate: 5 }, long:
 * { paragraph: 15 } }`; a kind not named weighs 0), with no transition or end weights.
 */
export function weightsModel(features: Record<string, Partial<Record<BlockKind, number>>>): CrfModel {
  const L = RECOGNIZED_KINDS.length;
  return modelFromJson({
    labels: [...RECOGNIZED_KINDS],
    features: Object.fromEntries(Object.entries(features).map(([f, w]) => [f, RECOGNIZED_KINDS.map((k) => w[k] ?? 0)])),
    trans: Array.from({ length: L + 1 }, () => new Array(L).fill(0)),
    end: new Array(L).fill(0),
  });
}

/** A CRF whose only weight is a bias of `weight` for `kind` (every other kind 0, no transitions). */
export function oneKindModel(kind: BlockKind, weight = 5): CrfModel {
  return weightsModel({ bias: { [kind]: weight } });
}

/** A CRF that calls a long sentence (the `long` feature) or a line ending in a colon a paragraph, and every other line `kind`. */
export function longParagraphsModel(kind: BlockKind, weight = 5): CrfModel {
  return weightsModel({ bias: { [kind]: weight }, long: { paragraph: 3 * weight }, 'end=colon': { paragraph: 3 * weight } });
}

/**
 * How `model` and the rules after it read `text` (with `knowledge`'s cues): each content line's
 * number (1-based), text, kind and, when a rule decided it, the rule's reason.
 */
export function readWith(model: CrfModel, text: string, knowledge: Knowledge = defaultKnowledge): Array<{ line: number; text: string; kind: BlockKind; why: string | undefined }> {
  const p = prepare(text, knowledge);
  const r = recognize(p, model);
  return p.content.map((i, j) => ({ line: i + 1, text: p.lines[i].text, kind: r.kinds[j], why: r.ruled.get(j) }));
}
