// The keys a mock accepts when given none. They are published here on purpose:
// they unlock nothing but the mock.

export const DEFAULT_MOCK_CREDENTIALS = Object.freeze({
  publicKey: "mockpublickey",
  privateKey: "mock-private-key-not-a-secret",
});

/** The service account a mock accepts when given none, published for the same reason. */
export const DEFAULT_MOCK_SERVICE_ACCOUNT = Object.freeze({
  clientId: "mdb_sa_id_mock",
  clientSecret: "mdb_sa_sk_mock-secret-not-a-secret",
});
