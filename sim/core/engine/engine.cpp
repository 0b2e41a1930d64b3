// run_scenario(): PKI, endpoints and pump, in the fixed order seeded runs rely on.
#include "core/engine/engine.hpp"

#include <exception>
#include <memory>
#include <mutex>

#include "core/engine/chain_cache.hpp"
#include "core/engine/endpoint.hpp"
#include "core/engine/pump.hpp"
#include "core/engine/seeded_rand.hpp"
#include "core/protocols/peer.hpp"

namespace hl {
namespace {

constexpr std::uint64_t kRunDomain = 1;  // the seeded stream the handshake itself draws from

void fail_before_start(Transcript& out, const std::string& detail) {
  Step step;
  step.kind = StepKind::event;
  step.from = Side::client;
  step.event = EventKind::failure;
  step.title = "failure";
  step.detail = detail;
  out.steps.push_back(std::move(step));
  out.failure = detail;
}

// Seeded runs get their own copy of the key: an RSA key keeps blinding state that draws
// randomness as it is used, which would make a second run differ from the first.
ossl::PkeyPtr leaf_key_for_run(const Chain& chain, bool seeded) {
  if (seeded) return ossl::PkeyPtr(EVP_PKEY_dup(chain.leaf_key.get()));
  EVP_PKEY_up_ref(chain.leaf_key.get());
  return ossl::PkeyPtr(chain.leaf_key.get());
}

void run_once(const Scenario& scenario, const EngineOptions& options, Transcript& out) {
  OSSL_LIB_CTX* libctx = scenario.seed ? seeded::libctx() : nullptr;
  Dialogue dialogue = make_dialogue(scenario);
  if (!dialogue.client || !dialogue.server)
    return fail_before_start(out, "There is no application protocol called '" + scenario.protocol + "'.");
  std::shared_ptr<const Chain> chain = cached_chain(scenario);
  if (scenario.seed) seeded::rekey(*scenario.seed, kRunDomain);
  ossl::PkeyPtr leaf_key = leaf_key_for_run(*chain, scenario.seed.has_value());
  if (!leaf_key) return fail_before_start(out, "The server's key could not be prepared for this run.");

  EndpointPair endpoints;
  std::string error = make_endpoints(scenario, *chain, leaf_key.get(), libctx, endpoints);
  if (!error.empty()) return fail_before_start(out, "The scenario cannot run: " + error + ".");
  endpoints.client.peer = dialogue.client.get();
  endpoints.server.peer = dialogue.server.get();
  Pump(endpoints, scenario.protocol, options, out).run();
}

Transcript run_guarded(const Scenario& scenario, const EngineOptions& options) {
  Transcript out;
  try {
    run_once(scenario, options, out);
  } catch (const std::exception& e) {
    fail_before_start(out, std::string("The engine could not run the scenario: ") + e.what() + ".");
  }
  ERR_clear_error();
  return out;
}

}  // namespace

Transcript run_scenario(const Scenario& scenario) { return run_scenario(scenario, EngineOptions{}); }

Transcript run_scenario(const Scenario& scenario, const EngineOptions& options) {
  if (!scenario.seed) return run_guarded(scenario, options);
  std::lock_guard<std::mutex> hold(seeded::run_mutex());
  return run_guarded(scenario, options);
}

}  // namespace hl
