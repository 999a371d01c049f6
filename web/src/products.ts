// Product choices for the dose form and the simulator: the person's own products first, then the
// knowledge base's.

import { api, personPath, type Person } from './api';
import { el } from './dom';
import { listOf } from './state';

interface Product {
  id: string | number;
  name?: string;
}

/// Knowledge-base products are named by their id, the person's own by their name.
function group(label: string, products: Product[], value: (p: Product) => string): HTMLElement {
  return el('optgroup', { label }, ...products.map((p) => el('option', { value: value(p) }, p.name ?? String(p.id))));
}

export function productSelect(person: Person | null, emptyLabel: string): HTMLSelectElement {
  const node = el('select', { name: 'product' }, el('option', { value: '' }, emptyLabel));
  void (async () => {
    const [known, own] = await Promise.all([
      api.get<unknown>('/products').catch(() => []),
      person ? api.get<unknown>(personPath(person, '/products')).catch(() => []) : [],
    ]);
    const ownProducts = listOf<Product>(own, 'products');
    if (ownProducts.length) node.append(group('Your products', ownProducts, (p) => p.name ?? String(p.id)));
    node.append(group('Known products', listOf<Product>(known, 'products'), (p) => String(p.id)));
  })();
  return node;
}
