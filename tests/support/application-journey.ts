/**
 * Drives one self-service application (issue #6) through the core's methods with the
 * simulated reader and 高拍仪, as the screens would: item, ID card(s), each material
 * (photographed, shared, 容缺 or not applicable — or one left missing), a valid form, the
 * signature, review, then submit. Used by the core tests, the kill -9 tests and the bench.
 */
import type {
  ApplicationBegun,
  ApplicationFieldView,
  ApplicationSubmitted,
  IpcResult,
  MethodArgument,
  MethodName,
  MethodValues,
} from '../../electron/ipc/contract.js';

export interface JourneyCaller {
  call<M extends MethodName>(method: M, arg: MethodArgument<M>): Promise<IpcResult<MethodValues[M]>>;
}

export const value = <T>(result: IpcResult<T>, what = 'call'): T => {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.value;
};

/** A valid value for each field, as a careful citizen would type it. */
export function validFormValues(fields: readonly ApplicationFieldView[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    switch (field.type) {
      case 'text':
        values[field.id] = '测试单位'.slice(0, field.maxLength ?? 4);
        break;
      case 'address':
        values[field.id] = '连云港市海州区样例路3号'.slice(0, field.maxLength ?? 12);
        break;
      case 'number': {
        const min = field.min ?? 0;
        const max = field.max ?? min + 10;
        values[field.id] = String(Math.min(max, Math.max(min, Math.ceil(min) + 1)));
        break;
      }
      case 'date':
        values[field.id] = field.range === 'future' ? '2099-06-01' : '2020-06-01';
        break;
      case 'choice':
        values[field.id] = field.options[0]?.value ?? '';
        break;
      case 'phone':
        values[field.id] = '13800000000';
        break;
    }
  }
  return values;
}

/** A signature-like scribble: two strokes across the pad. */
export const SIGNATURE = {
  aspect: 3,
  strokes: [
    Array.from({ length: 20 }, (_, i) => [0.1 + i * 0.03, 0.3 + Math.sin(i / 2) * 0.1]).flat(),
    Array.from({ length: 12 }, (_, i) => [0.5 + i * 0.02, 0.6 - i * 0.02]).flat(),
  ].map((stroke) => stroke.map((n) => Math.round(n * 10_000) / 10_000)),
};

export interface JourneyOptions {
  readonly itemCode: string;
  readonly specimenId?: string;
  /** Also read an agent's card (代办). */
  readonly agentSpecimenId?: string;
  /** Mark this many photographable materials `missing` instead (an incomplete application). */
  readonly missing?: number;
  /** Prefer 容缺 for deferrable materials (default true). */
  readonly defer?: boolean;
}

/** Reads a card into the application as `role`: start reading, present the specimen, take it. */
async function readCard(client: JourneyCaller, role: 'applicant' | 'agent', specimenId: string): Promise<void> {
  value(await client.call('identity.startReading', {}), 'startReading');
  value(await client.call('dev.presentCard', { specimenId }), 'presentCard');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const taken = await client.call('application.takeCard', { role });
    if (taken.ok) break;
    if (Date.now() > deadline) throw new Error(`card not read: ${taken.error.message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  value(await client.call('dev.removeCard', {}), 'removeCard');
}

/** Everything up to the review: returns what `application.begin` said. */
export async function prepareApplication(client: JourneyCaller, options: JourneyOptions): Promise<ApplicationBegun> {
  value(await client.call('session.begin', {}), 'session.begin');
  const begun = value(await client.call('application.begin', { itemCode: options.itemCode }), 'application.begin');
  if (options.agentSpecimenId !== undefined) value(await client.call('application.setAgent', { hasAgent: true }), 'setAgent');
  await readCard(client, 'applicant', options.specimenId ?? 'resident');
  if (options.agentSpecimenId !== undefined) await readCard(client, 'agent', options.agentSpecimenId);
  let missingLeft = options.missing ?? 0;
  const captureMaterials = new Map((begun.capture?.materials ?? []).map((m) => [m.materialId, m]));
  for (const material of begun.materials) {
    if (material.choice === 'shared') continue;
    const set = (choice: 'captured' | 'deferred' | 'notApplicable' | 'missing', promiseDate?: string) =>
      client.call('application.setMaterial', { materialId: material.materialId, choice, ...(promiseDate === undefined ? {} : { promiseDate }) });
    if (missingLeft > 0 && material.choices.includes('missing')) {
      missingLeft -= 1;
      value(await set('missing'), 'missing');
    } else if (material.choices.includes('notApplicable')) {
      value(await set('notApplicable'), 'notApplicable');
    } else if (material.choices.includes('deferred') && options.defer !== false) {
      value(await set('deferred', begun.promiseDates.earliest), 'deferred');
    } else {
      const spec = captureMaterials.get(material.materialId);
      if (spec === undefined) throw new Error(`material ${material.materialId} cannot be captured`);
      value(await client.call('capture.open', { materialId: material.materialId, sourceId: 'documentCamera' }), 'capture.open');
      for (let page = 0; page < spec.minPages; page += 1) {
        const document = spec.kind === 'idCard' ? (page === 0 ? 'idCardFront' : 'idCardBack') : 'a4Text';
        value(await client.call('dev.placeDocument', { document, variant: 'clean' }), 'placeDocument');
        value(await client.call('capture.take', {}), 'capture.take');
      }
      value(await client.call('capture.close', {}), 'capture.close');
      value(await set('captured'), 'captured');
    }
  }
  const form = value(await client.call('application.setForm', { values: validFormValues(begun.fields) }), 'setForm');
  if (!form.isValid) throw new Error(`form refused: ${JSON.stringify(form.errors)}`);
  if (begun.commitment !== null) value(await client.call('application.sign', SIGNATURE), 'sign');
  return begun;
}

/** A whole complete application: prepared, reviewed, submitted. */
export async function applyOnce(client: JourneyCaller, options: JourneyOptions): Promise<ApplicationSubmitted> {
  await prepareApplication(client, options);
  const review = value(await client.call('application.review', {}), 'review');
  if (!review.canSubmit) throw new Error(`cannot submit: ${review.blockers.join('; ')}`);
  return value(await client.call('application.submit', {}), 'submit');
}
