// BM_ScenarioRun (the whole default scenario with capture, keys cached) beside
// BM_BareHandshake (a bare OpenSSL TLS 1.3 handshake over memory BIOs, no capture, with the
// same chain and contexts made once; the client reads the two session tickets the server
// sends with its last flight, as in the scenario): the engine's overhead is the ratio.
// BM_AttackRun is a man-in-the-middle run (two handshakes and a relay) beside BM_ScenarioRun.
// BM_ScenarioRun/resumed_* are resumed runs (a full connection, then a resumed one) beside the
// single run of their version (x25519 for TLS 1.3, tls12 for TLS 1.2). Target: at most 2.2x.
// BM_ExportPcapng adds what `export` costs on top of a run: the frames and the pcapng file.
#include <benchmark/benchmark.h>

#include <stdexcept>

#include <openssl/ssl.h>

#include "core/engine/engine.hpp"
#include "core/engine/pki.hpp"
#include "core/export/pcapng_writer.hpp"
#include "bench_scenarios.hpp"

namespace {

// Client and server contexts configured like the default scenario, built once.
struct BareContexts {
  hl::Chain chain;
  hl::ossl::SslCtxPtr client{SSL_CTX_new(TLS_client_method())};
  hl::ossl::SslCtxPtr server{SSL_CTX_new(TLS_server_method())};

  BareContexts()
      : chain(hl::build_chain(hl::CertRecipe{}, hl::Scenario{}.clock,
                              hl::generate_key(hl::KeyType::ecdsa_p256, nullptr), nullptr)) {
    for (SSL_CTX* ctx : {client.get(), server.get()}) {
      SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
      SSL_CTX_set1_groups_list(ctx, "X25519:P-256");
      SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    }
    X509_STORE_add_cert(SSL_CTX_get_cert_store(client.get()), chain.root.get());
    X509_VERIFY_PARAM_set_time(SSL_CTX_get0_param(client.get()), hl::Scenario{}.clock);
    SSL_CTX_set_verify(client.get(), SSL_VERIFY_PEER, nullptr);
    SSL_CTX_use_certificate(server.get(), chain.leaf.get());
    SSL_CTX_use_PrivateKey(server.get(), chain.leaf_key.get());
    SSL_CTX_add1_chain_cert(server.get(), chain.intermediate.get());
  }
};

hl::ossl::SslPtr new_ssl(SSL_CTX* ctx) {
  hl::ossl::SslPtr ssl(SSL_new(ctx));
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  BIO_set_mem_eof_return(in, -1);
  BIO_set_mem_eof_return(out, -1);
  SSL_set_bio(ssl.get(), in, out);
  return ssl;
}

void move_bytes(SSL* from, SSL* to) {
  char buffer[16384];
  int n = 0;
  while ((n = BIO_read(SSL_get_wbio(from), buffer, sizeof buffer)) > 0) BIO_write(SSL_get_rbio(to), buffer, n);
}

void bare_handshake(const BareContexts& contexts) {
  hl::ossl::SslPtr client = new_ssl(contexts.client.get());
  hl::ossl::SslPtr server = new_ssl(contexts.server.get());
  SSL_set_connect_state(client.get());
  SSL_set_accept_state(server.get());
  SSL_set1_host(client.get(), "www.example.com");
  SSL_set_tlsext_host_name(client.get(), "www.example.com");
  bool client_done = false, server_done = false;
  for (int round = 0; round < 16 && !(client_done && server_done); ++round) {
    client_done = SSL_do_handshake(client.get()) == 1;
    move_bytes(client.get(), server.get());
    server_done = SSL_do_handshake(server.get()) == 1;
    move_bytes(server.get(), client.get());
  }
  if (!client_done || !server_done) throw std::runtime_error("bare handshake failed");
  char ignored[64];
  if (SSL_read(client.get(), ignored, sizeof ignored) > 0) throw std::runtime_error("unexpected data");
}

void BM_BareHandshake(benchmark::State& state) {
  static const BareContexts contexts;
  for (auto _ : state) bare_handshake(contexts);
}

void BM_ScenarioRun(benchmark::State& state, const hl::Scenario& scenario) {
  hl::run_scenario(scenario);  // warm the chain cache
  for (auto _ : state) {
    hl::Transcript transcript = hl::run_scenario(scenario);
    if (!transcript.handshake_complete) state.SkipWithError("the scenario failed");
    if (scenario.resume != hl::Resume::off && !transcript.negotiated.resumed) state.SkipWithError("nothing was resumed");
    benchmark::DoNotOptimize(transcript.steps.data());
  }
}

// BM_AttackRun: the default scenario with Mallory terminating TLS and the client clicking
// through her certificate: two full handshakes and the relay. Target: at most 2.5x BM_ScenarioRun.
void BM_AttackRun(benchmark::State& state) {
  hl::Scenario scenario;
  scenario.attack = hl::Attack::mitm_clickthrough;
  hl::run_scenario(scenario);  // warm the chain caches (hers and the server's)
  for (auto _ : state) {
    hl::Transcript transcript = hl::run_scenario(scenario);
    if (!transcript.handshake_complete || transcript.attacker.read.empty())
      state.SkipWithError("the man in the middle did not get through");
    benchmark::DoNotOptimize(transcript.steps.data());
  }
}

// BM_ExportPcapng: what `export` adds to a run, the frames and the pcapng file of the default
// scenario (compare with BM_ScenarioRun, which makes the transcript).
void BM_ExportPcapng(benchmark::State& state) {
  hl::Scenario scenario;
  scenario.seed = 1;
  const hl::Transcript transcript = hl::run_scenario(scenario);
  const hl::TcpSynthOptions options = hl::tcp_options_for_seed(1, 443, scenario.clock);
  for (auto _ : state) {
    hl::Bytes file = hl::pcapng_file(hl::synthesize_tcp(transcript, options), {"bench", transcript.keylog});
    benchmark::DoNotOptimize(file.data());
  }
}

}  // namespace

BENCHMARK(BM_BareHandshake)->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScenarioRun, x25519, hl::Scenario{})->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScenarioRun, p256, hl::bench::scenario_with_group("P-256"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScenarioRun, ffdhe2048, hl::bench::scenario_with_group("ffdhe2048"))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScenarioRun, tls12, hl::bench::scenario_with({{"version", "1.2"}}))->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScenarioRun, resumed_ticket_tls13, hl::bench::scenario_with({{"resume", "ticket"}}))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScenarioRun, resumed_ticket_tls12, hl::bench::scenario_with({{"version", "1.2"}, {"resume", "ticket"}}))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_ScenarioRun, resumed_session_id_tls12,
                  hl::bench::scenario_with({{"version", "1.2"}, {"resume", "session-id"}}))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AttackRun)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ExportPcapng)->Unit(benchmark::kMicrosecond);
