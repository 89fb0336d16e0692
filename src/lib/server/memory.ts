/**
 * How far the V8 heap may grow between full collections. Under sustained load the server keeps
 * about 60 MB alive, but V8's default lets the old generation grow to four times that before it
 * collects (the data of 32 concurrent page renderings outlives the young generation), so the
 * process reached 420 MB. With a growing factor of 1.5 it stays near 230 MB at the same throughput
 * (bench/README.md, issue #12). A `--heap-growing-percent` given to node explicitly wins.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(execArgv: string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
	if ([...execArgv, nodeOptions].some((a) => a.includes('--heap-growing-percent'))) return false;
	v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
	return true;
}
