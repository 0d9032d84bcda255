// The keys a mock accepts when given none. They are published here on purpose:
// they unlock nothing but the mock.

export const DEFAULT_MOCK_CREDENTIALS = Object.freeze({
  publicKey: "mockpublickey",
  privateKey: "mock-private-key-not-a-secret",
});
