#include "app/endpoint_knowledge.hpp"

#include <algorithm>

namespace hl::app {
namespace {

bool has(const std::string& title, const char* part) { return title.find(part) != std::string::npos; }

void learn_agreement(SideKnowledge& side, const Negotiated& negotiated) {
  side.version = negotiated.version;
  side.cipher = negotiated.cipher;
  side.group = negotiated.group;
}

// A record is seen by both sides: the sender wrote it and the pump delivered it at once.
void learn_from_record(Knowledge& knowledge, const Step& step, const Negotiated& negotiated) {
  const bool tls12 = negotiated.version == "TLSv1.2";
  const auto& title = step.title;
  for (Side side : {Side::client, Side::server}) {
    SideKnowledge& known = knowledge.of(side);
    if (has(title, "ServerHello") && !has(title, "Done")) learn_agreement(known, negotiated);
    if (has(title, "CertificateVerify") || has(title, "ServerKeyExchange")) known.sigalg = negotiated.sigalg;
    if (has(title, "EncryptedExtensions") || (tls12 && has(title, "ServerHello") && !has(title, "Done"))) {
      known.alpn = negotiated.alpn.empty() ? "none offered" : negotiated.alpn;  // the lab's server accepts any offer
    }
  }
}

void learn_from_event(SideKnowledge& known, const Step& step, const Negotiated& negotiated) {
  switch (step.event) {
    case EventKind::negotiated: learn_agreement(known, negotiated); break;
    case EventKind::secret: known.secrets.push_back(keylog_label(step.keylog_line)); break;
    case EventKind::verify: known.checks.push_back(step.verify); break;
    case EventKind::alert_sent: known.alerts.push_back("sent: " + step.title); break;
    case EventKind::alert_received: known.alerts.push_back("received: " + step.title); break;
    case EventKind::handshake_done: known.handshake_done = true; break;
    case EventKind::failure: known.failure = step.detail.empty() ? step.title : step.detail; break;
    default: break;
  }
}

}  // namespace

std::string keylog_label(const std::string& keylog_line) { return keylog_line.substr(0, keylog_line.find(' ')); }

Knowledge knowledge_after(const Transcript& transcript, std::size_t step_index) {
  Knowledge knowledge;
  const auto& steps = transcript.steps;
  std::size_t end = std::min(step_index + 1, steps.size());
  for (std::size_t i = 0; i < end; ++i) {
    const Step& step = steps[i];
    if (step.kind == StepKind::record) learn_from_record(knowledge, step, transcript.negotiated);
    if (step.kind == StepKind::event) learn_from_event(knowledge.of(step.from), step, transcript.negotiated);
  }
  return knowledge;
}

}  // namespace hl::app
