// The real client against the HTTP server.
import { httpServerAdapter } from "./helpers/adapters.js";
import { describeRealClient } from "./helpers/real-client-suite.js";

describeRealClient(httpServerAdapter);
