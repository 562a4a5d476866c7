/**
 * `work` over every item, a few at a time, results in item order: thousands of surveys
 * and output files at once would keep every text, syntax tree or file handle alive together,
 * while one at a time leaves the disk and the thread pool idle between steps.
 *
 * @example
 *   const texts = await inPool(files, (file) => readFile(file, "utf8"), 16);
 */
export async function inPool<T, R>(items: readonly T[], work: (item: T) => Promise<R>, width = 8): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
