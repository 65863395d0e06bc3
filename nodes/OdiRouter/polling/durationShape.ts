import type { DurationEstimate } from './durationEstimate';

/** A learned distribution in the form the planner walks: per bin, its density and hazard. */
export interface DurationShape {
	startsMs: number[];
	widthsMs: number[];
	/** Density per ms within each bin and the chance per ms of ending there once that old. */
	density: number[];
	hazard: number[];
	/** Probability of ending before each bin's start. */
	before: number[];
	/** Probability of ending past the last bin with any mass. */
	restMass: number;
}

/** Only the bins up to the last one with any mass. */
export function shapeOf(estimate: DurationEstimate): DurationShape {
	let last = estimate.mass.length - 1;
	while (last >= 0 && estimate.mass[last] <= 0) last--;
	const result: DurationShape = { startsMs: [], widthsMs: [], density: [], hazard: [], before: [], restMass: estimate.tailMass };
	let survival = 1;
	for (let bin = 0; bin <= last; bin++) {
		const start = estimate.edgesMs[bin];
		const width = estimate.edgesMs[bin + 1] - start;
		const mass = estimate.mass[bin];
		result.startsMs.push(start);
		result.widthsMs.push(width);
		result.before.push(1 - survival);
		result.density.push(mass / width);
		result.hazard.push(mass / width / Math.max(survival - mass / 2, 1e-9));
		survival -= mass;
	}
	return result;
}

/** The age by which `mass` of the tasks have ended (the end of the estimate if never). */
export function ageAtMass(shape: DurationShape, mass: number): number {
	const bins = shape.startsMs.length;
	const after = (bin: number) => shape.before[bin] + shape.density[bin] * shape.widthsMs[bin];
	if (after(bins - 1) < mass) return shape.startsMs[bins - 1] + shape.widthsMs[bins - 1];
	let low = 0;
	let high = bins - 1;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (after(middle) >= mass) high = middle;
		else low = middle + 1;
	}
	return shape.startsMs[low] + (mass - shape.before[low]) / Math.max(shape.density[low], 1e-12);
}
