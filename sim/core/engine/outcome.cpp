// failure_cause(): a walk over the steps, first fatal alert record and first failed check.
#include "core/engine/outcome.hpp"

#include "core/engine/names.hpp"
#include "core/model/record_layer.hpp"

namespace hl {

bool alert_in_record(const Step& step, int& out_level, int& out_description) {
  if (step.kind != StepKind::record || step.inner_type != record::kAlert) return false;
  // Plaintext alerts sit after the record header; protected ones lead their plaintext.
  const Bytes& content = step.is_protected ? step.plaintext : step.bytes;
  const std::size_t at = step.is_protected ? 0 : record::kHeaderLen;
  if (content.size() < at + 2) return false;
  out_level = content[at];
  out_description = content[at + 1];
  return true;
}

// The first failed certificate check among an event step's parts (grouped steps hold several).
const VerifyResult* failed_check(const Step& step) {
  if (step.kind != StepKind::event) return nullptr;
  for (const auto& part : step.parts)
    if (part.kind == EventKind::verify && !part.verify.ok) return &part.verify;
  if (step.parts.empty() && step.event == EventKind::verify && !step.verify.ok) return &step.verify;
  return nullptr;
}

FailureCause failure_cause(const Transcript& transcript) {
  FailureCause cause;
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    const VerifyResult* failed = cause.verify_step == 0 ? failed_check(step) : nullptr;
    if (failed) {
      cause.verify_step = i + 1;
      cause.verify = *failed;
    }
    int level = 0, description = 0;
    if (cause.alert_step != 0 || !alert_in_record(step, level, description) || level != 2) continue;
    cause.alert_step = i + 1;
    cause.alert_from = step.from;
    cause.alert = description;
    cause.alert_name = names::alert_description(static_cast<std::uint8_t>(description));
  }
  return cause;
}

ExpectedOutcome expected_outcome(const Scenario& scenario) {
  // Only a current good staple passes the client's check (ocsp_stapling.hpp).
  const bool bad_staple = scenario.cert.ocsp != OcspStaple::off && scenario.cert.ocsp != OcspStaple::good;
  if (bad_staple || scenario.cert.fault != CertFault::none || scenario.attack == Attack::tamper || scenario.attack == Attack::downgrade ||
      scenario.attack == Attack::mitm || scenario.attack == Attack::inject_record || scenario.attack == Attack::delay_record)
    return {true, true, true};
  // Her command reaches a server that already reads TLS: OpenSSL refuses it without an alert.
  if (scenario.attack == Attack::inject_line) return {true, false, true};
  const bool stripped = scenario.attack == Attack::strip_starttls && scenario.mode == PortMode::starttls && scenario.starttls;
  if (!stripped) return {};
  return {peer_config(scenario).tls_policy == TlsPolicy::require_tls, false, false};
}

}  // namespace hl
