// Keeps the API token in the extension origin's IndexedDB. Unlike storage.local, which content scripts can
// read, IndexedDB belongs to the origin that opened it, and web pages' content scripts run in the page's.
const databaseName = 'peerpost';
const storeName = 'secrets';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(databaseName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(storeName, mode).objectStore(storeName));
      request.onsuccess = () => resolve(request.result as T);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

export const secretStore = {
  get: (key: string) => run<string | undefined>('readonly', (store) => store.get(key)),
  set: (key: string, value: string) => run<unknown>('readwrite', (store) => store.put(value, key)),
  delete: (key: string) => run<unknown>('readwrite', (store) => store.delete(key)),
};
