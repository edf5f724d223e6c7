package vigil.engine.graph;

import java.util.Arrays;

/** A growable list of ints. */
final class IntList {
  private int[] a;
  private int size;

  IntList(int capacity) {
    a = new int[Math.max(4, capacity)];
  }

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length + (a.length >> 1) + 1);
    }
    a[size++] = v;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return size;
  }

  int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}
