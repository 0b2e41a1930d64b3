#include "app/endpoint_knowledge.hpp"

#include <algorithm>

namespace hl::app {
namespace {

constexpr const char* kNothingSigned = "none: resumed, nothing is signed";

void learn_agreement(SideKnowledge& side, const Negotiated& negotiated) {
  side.version = negotiated.version;
  side.cipher = negotiated.cipher;
  side.group = negotiated.group;
}

// A record is seen by both sides: the sender wrote it and the pump delivered it at once.
void learn_from_record(Knowledge& knowledge, const Step& step, const Negotiated& negotiated) {
  const bool tls12 = negotiated.version == "TLSv1.2";
  const bool server_hello = carries(step, HandshakeType::server_hello);
  const bool signed_now =
      carries(step, HandshakeType::certificate_verify) || carries(step, HandshakeType::server_key_exchange);
  // TLS 1.3 answers ALPN in EncryptedExtensions; TLS 1.2 in the ServerHello.
  const bool alpn_now = carries(step, HandshakeType::encrypted_extensions) || (tls12 && server_hello);
  // A resumed connection authenticates with the session's key: no certificate, nothing signed (a
  // CertificateVerify later, in a handshake the server did not resume, says otherwise).
  const bool resumed_here = server_hello && step.connection > 1 && negotiated.resumed;
  for (Side side : {Side::client, Side::server}) {
    SideKnowledge& known = knowledge.of(side);
    if (server_hello) learn_agreement(known, negotiated);
    if (resumed_here) known.sigalg = kNothingSigned;
    if (signed_now) known.sigalg = negotiated.sigalg;
    if (alpn_now) known.alpn = negotiated.alpn.empty() ? "none offered" : negotiated.alpn;  // the lab's server accepts any offer
  }
}

void learn_from_event(SideKnowledge& known, const EventPart& part, const Negotiated& negotiated) {
  switch (part.kind) {
    case EventKind::negotiated: learn_agreement(known, negotiated); break;
    case EventKind::secret: known.secrets.push_back(keylog_label(part.keylog_line)); break;
    case EventKind::verify: known.checks.push_back(part.verify); break;
    case EventKind::alert_sent: known.alerts.push_back("sent: " + part.title); break;
    case EventKind::alert_received: known.alerts.push_back("received: " + part.title); break;
    case EventKind::handshake_done: known.handshake_done = true; break;
    case EventKind::failure: known.failure = part.detail.empty() ? part.title : part.detail; break;
    default: break;
  }
}

// A side that starts a later connection (a resumption, 0-RTT, a replayed ClientHello) starts it
// knowing nothing of that connection: what it learnt before belongs to the earlier one.
void start_connections(Knowledge& knowledge, const Step& step, int (&connection_of)[2]) {
  for (Side side : {Side::client, Side::server}) {
    const bool involved = step.from == side || (step.kind != StepKind::event && step.to == side);
    auto& current = connection_of[static_cast<std::size_t>(side)];
    if (!involved || step.connection <= current) continue;
    if (current != 0) knowledge.of(side) = SideKnowledge{};
    current = step.connection;
  }
}

}  // namespace

std::string keylog_label(const std::string& keylog_line) { return keylog_line.substr(0, keylog_line.find(' ')); }

Knowledge knowledge_after(const Transcript& transcript, std::size_t step_index) {
  Knowledge knowledge;
  int connection_of[2] = {0, 0};  // the connection each side is in, as of the steps so far
  const auto& steps = transcript.steps;
  std::size_t end = std::min(step_index + 1, steps.size());
  for (std::size_t i = 0; i < end; ++i) {
    const Step& step = steps[i];
    start_connections(knowledge, step, connection_of);
    if (step.kind == StepKind::record) learn_from_record(knowledge, step, transcript.negotiated);
    // Every event a step holds: a grouped event step's parts, a record's state changes.
    for (const EventPart& part : step.parts) learn_from_event(knowledge.of(step.from), part, transcript.negotiated);
  }
  return knowledge;
}

}  // namespace hl::app
