// run_resumed(): the second connection of a resumed run.
#include "core/engine/resumption.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "core/engine/key_capture.hpp"
#include "core/engine/pump.hpp"
#include "core/protocols/peer.hpp"

namespace hl {
namespace {

using SessionPtr = std::unique_ptr<SSL_SESSION, ossl::Free<SSL_SESSION_free>>;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// What the client does on connection 2, said before it does it.
std::string offer_sentence(const Scenario& s, const std::string& unshared_group) {
  if (s.resume == Resume::session_id)
    return "The client connects again and puts the first connection's session ID in its ClientHello. The server "
           "kept that session in its cache: if it finds it, both sides reuse the master secret and skip the "
           "certificate and the key exchange (an abbreviated handshake, RFC 5246 §7.3).";
  if (s.version == TlsVersion::tls12)
    return "The client connects again and sends back the session ticket the server gave it (RFC 5077). Only the "
           "server can open the ticket: inside is the first connection's master secret, so both sides skip the "
           "certificate and the key exchange (an abbreviated handshake).";
  if (s.resume == Resume::psk_only)
    return "The client connects again and offers a pre-shared key from its ticket with both psk_ke and "
           "psk_dhe_ke. Its only key share is " + unshared_group + ", a group the server does not accept: OpenSSL "
           "3.0 picks psk_dhe_ke whenever a key share matches, so only a resumed ClientHello that shares no group "
           "with the server makes it resume with psk_ke, the PSK alone and no fresh Diffie-Hellman.";
  return "The client connects again and offers a pre-shared key from the ticket it kept (pre_shared_key, RFC 8446 "
         "§4.2.11), with a binder that proves it holds the key, and a fresh key share: psk_dhe_ke, so the resumed "
         "keys still get forward secrecy.";
}

}  // namespace

std::string group_the_server_lacks(const std::string& server_groups) {
  const std::string accepted = ":" + lower(server_groups) + ":";
  for (const char* candidate : {"P-384", "P-521", "X448", "ffdhe2048", "ffdhe3072"})
    if (accepted.find(":" + lower(candidate) + ":") == std::string::npos) return candidate;
  return {};
}

void run_resumed(const Scenario& scenario, const EngineOptions& options, const EndpointPair& first, Transcript& out) {
  EndpointPair second;
  std::string error;
  SessionPtr session(SSL_get1_session(first.client.ssl.get()));
  const std::string unshared = scenario.resume == Resume::psk_only ? group_the_server_lacks(scenario.server_groups) : "";
  if (!session || !SSL_SESSION_is_resumable(session.get()))
    error = "the first connection left the client no session it can resume (no ticket arrived)";
  else if (scenario.resume == Resume::psk_only && unshared.empty())
    error = "the server accepts every group the client could offer, so psk_ke cannot be shown";
  else if (make_endpoints(scenario, first.contexts, second, error) && !SSL_set_session(second.client.ssl.get(), session.get()))
    error = "the client cannot offer the session: " + ossl::take_error("OpenSSL refused it");
  else if (!unshared.empty() && !SSL_set1_groups_list(second.client.ssl.get(), unshared.c_str()))
    error = "the client cannot offer the group " + unshared;
  if (error.empty()) {
    // The session's age counts from now, so a seeded run reports the same ticket age every time.
    SSL_SESSION_set_time(session.get(), static_cast<long>(std::time(nullptr)));
    const PeerConfig peers = peer_config(scenario);
    Dialogue dialogue = options.dialogue ? options.dialogue(peers) : make_dialogue(peers);
    second.client.peer = dialogue.client.get();
    second.server.peer = dialogue.server.get();
    second.client.early_data = second.server.early_data = scenario.early_data != EarlyData::off;
    second.client.capture.add_event(EventKind::note, "connects again to resume", offer_sentence(scenario, unshared));
    Link link{2, Side::client, Side::server, true};
    Pump(second.client, second.server, scenario.protocol, options, out, link).run();
    out.later_keys.push_back(captured_keys(second, 2));  // psk_dhe_ke makes a fresh key exchange
    return;
  }
  Step step;
  step.from = step.to = Side::client;
  step.connection = 2;
  step.event = EventKind::failure;
  step.title = "failure";
  step.detail = "The client cannot resume: " + error + ".";
  step.parts = {EventPart{EventKind::failure, step.title, step.detail, {}, {}}};
  out.steps.push_back(step);
  if (out.failure.empty()) out.failure = step.detail;
}

}  // namespace hl
