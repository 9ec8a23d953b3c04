// A binary min-heap of integer items keyed by numbers, in growable typed arrays. Ties are broken by the
// item, so the order of pops depends only on the pushes (the matching solver must be deterministic).

export class MinHeap {
  private keys = new Float64Array(64);
  private items = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(key: number, item: number): void {
    if (this.size === this.keys.length) {
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.keys = keys;
      const items = new Int32Array(this.size * 2);
      items.set(this.items);
      this.items = items;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(key, item, this.keys[parent]!, this.items[parent]!)) break;
      this.keys[i] = this.keys[parent]!;
      this.items[i] = this.items[parent]!;
      i = parent;
    }
    this.keys[i] = key;
    this.items[i] = item;
  }

  /** The smallest key (the heap must not be empty). */
  topKey(): number {
    return this.keys[0]!;
  }

  /** The item with the smallest key (the heap must not be empty). */
  topItem(): number {
    return this.items[0]!;
  }

  /** Removes the top entry (the heap must not be empty). */
  pop(): void {
    const last = --this.size;
    const key = this.keys[last]!;
    const item = this.items[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && less(this.keys[right]!, this.items[right]!, this.keys[child]!, this.items[child]!))
        child = right;
      if (!less(this.keys[child]!, this.items[child]!, key, item)) break;
      this.keys[i] = this.keys[child]!;
      this.items[i] = this.items[child]!;
      i = child;
    }
    this.keys[i] = key;
    this.items[i] = item;
  }
}

const less = (keyA: number, itemA: number, keyB: number, itemB: number) =>
  keyA < keyB || (keyA === keyB && itemA < itemB);
