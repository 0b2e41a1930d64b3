// run_scenario(): PKI, endpoints and pump, in the fixed order seeded runs rely on.
#include "core/engine/engine.hpp"

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>

#include "core/engine/attacker.hpp"
#include "core/engine/attacker_mitm.hpp"
#include "core/engine/attacker_replay.hpp"
#include "core/engine/chain_cache.hpp"
#include "core/engine/context_cache.hpp"
#include "core/engine/endpoint.hpp"
#include "core/engine/event_groups.hpp"
#include "core/engine/key_capture.hpp"
#include "core/engine/pump.hpp"
#include "core/engine/resumption.hpp"
#include "core/engine/scenario_checks.hpp"
#include "core/engine/seeded_rand.hpp"
#include "core/engine/steal_server_key.hpp"
#include "core/protocols/peer.hpp"

namespace hl {
namespace {

constexpr std::uint64_t kRunDomain = 1;  // the seeded stream the handshake itself draws from

void fail_before_start(Transcript& out, const std::string& detail) {
  Step step;
  step.kind = StepKind::event;
  step.from = Side::client;
  step.event = EventKind::failure;
  step.to = Side::client;
  step.title = "failure";
  step.detail = detail;
  step.parts = {EventPart{EventKind::failure, step.title, detail, {}, {}}};
  out.steps.push_back(std::move(step));
  out.failure = detail;
  out.rejected = true;
}

// Seeded runs build both contexts after seeding, with their own copy of the key: an RSA
// key keeps blinding state that draws randomness as it is used, which would make a second
// run differ from the first. Unseeded runs share cached contexts.
bool contexts_for(const Scenario& scenario, const std::shared_ptr<const Chain>& chain, OSSL_LIB_CTX* libctx,
                  std::shared_ptr<const ContextPair>& out_pair, std::string& out_error) {
  if (!scenario.seed) return cached_contexts(scenario, chain, out_pair, out_error);
  ossl::PkeyPtr leaf_key(EVP_PKEY_dup(chain->leaf_key.get()));
  if (!leaf_key) return out_error = "the server's key could not be copied", false;
  auto pair = std::make_shared<ContextPair>();
  if (!make_contexts(scenario, chain, std::move(leaf_key), libctx, *pair, out_error)) return false;
  out_pair = std::move(pair);
  return true;
}

// The run's own stream starts here, right before the first context is made.
bool contexts_for_run(const Scenario& scenario, const std::shared_ptr<const Chain>& chain, OSSL_LIB_CTX* libctx,
                      std::shared_ptr<const ContextPair>& out_pair, std::string& out_error) {
  if (scenario.seed) seeded::rekey(*scenario.seed, kRunDomain);
  return contexts_for(scenario, chain, libctx, out_pair, out_error);
}

// Mallory terminating TLS: her contexts after the real ones, then both connections.
void run_terminated(const Scenario& scenario, const EngineOptions& options, EndpointPair& endpoints,
                    const std::shared_ptr<const Chain>& mallory_chain, OSSL_LIB_CTX* libctx, Transcript& out) {
  std::string error;
  std::shared_ptr<const ContextPair> mallory_contexts;
  if (!contexts_for(mallory_certificate_scenario(scenario), mallory_chain, libctx, mallory_contexts, error) ||
      !run_mitm(scenario, options, endpoints, std::move(mallory_contexts), out, error))
    return fail_before_start(out, "Mallory cannot take her place in the middle: " + error + ".");
  group_events(out);
}

void run_once(const Scenario& scenario, const EngineOptions& options, Transcript& out) {
  OSSL_LIB_CTX* libctx = scenario.seed ? seeded::libctx() : nullptr;
  const PeerConfig peers = peer_config(scenario);
  Dialogue dialogue = options.dialogue ? options.dialogue(peers) : make_dialogue(peers);
  if (!dialogue.client || !dialogue.server)
    return fail_before_start(out, "There is no application protocol called '" + scenario.protocol + "'.");
  std::shared_ptr<const Chain> chain = cached_chain(scenario);
  // Before the run's stream starts: a chain built now or taken from the cache leaves it the same.
  std::shared_ptr<const Chain> mallory_chain =
      terminates_tls(scenario) ? cached_chain(mallory_certificate_scenario(scenario)) : nullptr;
  std::string error;
  std::shared_ptr<const ContextPair> contexts;
  EndpointPair endpoints;
  if (!contexts_for_run(scenario, chain, libctx, contexts, error) || !make_endpoints(scenario, std::move(contexts), endpoints, error))
    return fail_before_start(out, "The scenario cannot run: " + error + ".");
  endpoints.client.peer = dialogue.client.get();
  endpoints.server.peer = dialogue.server.get();
  if (mallory_chain) return run_terminated(scenario, options, endpoints, mallory_chain, libctx, out);
  Attacker mallory(scenario, out);
  FlightRecorder recorder(2);  // attack=replay-early-data: the resumed connection's first client flight
  EngineOptions with_mallory = options;
  if (mallory.present()) {
    with_mallory.intervene = [&](Step& step) {
      if (options.intervene && options.intervene(step) == Delivery::drop) return Delivery::drop;
      const Delivery delivery = mallory.intervene(step);
      if (scenario.attack == Attack::replay_early_data && delivery == Delivery::deliver) recorder.see(step);
      return delivery;
    };
    with_mallory.inject = [&](const Step& passed) { return mallory.inject(passed); };
  }
  Pump(endpoints, scenario.protocol, with_mallory, out).run();
  out.keys = captured_keys(endpoints);
  if (scenario.resume != Resume::off && out.handshake_complete) run_resumed(scenario, with_mallory, endpoints, out);
  AttackerReport replay;
  if (scenario.attack == Attack::replay_early_data && out.handshake_complete)
    replay_flight(scenario, endpoints.contexts, recorder.flight(), out, replay);
  group_events(out);
  if (mallory.present()) out.attacker = mallory.report();
  for (AttackerNote& note : replay.changed) out.attacker.changed.push_back(std::move(note));
  for (AttackerNote& note : replay.read) out.attacker.read.push_back(std::move(note));
  if (scenario.attack == Attack::steal_server_key) read_recording_with_stolen_key(chain->leaf_key.get(), out);
}

Transcript run_guarded(const Scenario& scenario, const EngineOptions& options) {
  Transcript out;
  out.serial = next_run_serial();
  if (std::string why = scenario_refusal(scenario); !why.empty()) {
    fail_before_start(out, why);
    return out;
  }
  try {
    run_once(scenario, options, out);
  } catch (const std::exception& e) {
    fail_before_start(out, std::string("The engine could not run the scenario: ") + e.what() + ".");
  }
  ERR_clear_error();
  return out;
}

}  // namespace

// Process-wide so that two runs never share a serial, whichever thread ran them.
std::uint64_t next_run_serial() {
  static std::atomic<std::uint64_t> counter{0};
  return counter.fetch_add(1, std::memory_order_relaxed) + 1;
}

Transcript run_scenario(const Scenario& scenario) { return run_scenario(scenario, EngineOptions{}); }

Transcript run_scenario(const Scenario& scenario, const EngineOptions& options) {
  if (!scenario.seed) return run_guarded(scenario, options);
  std::lock_guard<std::mutex> hold(seeded::run_mutex());
  return run_guarded(scenario, options);
}

}  // namespace hl
