// Why a failed run stopped, in fields: the alert that went on the wire and the certificate
// check behind it, found in the run's steps (the exporters and panes read the same answer).
#pragma once

#include <cstddef>
#include <string>

#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// The first fatal alert of a run and the first failed certificate check.
struct FailureCause {
  std::size_t alert_step = 0;   // step number (from 1) of the alert's record; 0: no fatal alert went on the wire
  Side alert_from = Side::client;
  int alert = -1;               // AlertDescription (RFC 8446 §6); -1 when none
  std::string alert_name;       // "bad_certificate"
  std::size_t verify_step = 0;  // step number of the first failed verify event; 0: every check passed
  VerifyResult verify;          // that check (error, error_name, depth)
};

/// What a scenario's run is meant to show (for the lesson checks; server bugs aside).
struct ExpectedOutcome {
  bool fails = false;  // the run ends with a failure
  bool alert = false;  // ... which a fatal TLS alert announces on the wire
  bool tls = true;     // a TLS handshake takes place at all
};

/// A staple that is not a current good one (ocsp=revoked, unknown, expired), certificate faults, tampering, a downgrade, an injected or delayed record and a man in the
/// middle whose certificate the client checks fail with an alert (mitm-clickthrough succeeds:
/// she gets through); stripping STARTTLS leaves no TLS (and fails, without an alert, when the
/// client requires TLS); a line injected behind STARTTLS fails without an alert (the server's
/// TLS reads it as a record that is not TLS); starttls-injection and a stolen key leave the
/// run itself intact.
ExpectedOutcome expected_outcome(const Scenario& scenario);

/// Reads the cause out of a transcript's steps (both parts empty for a run without them).
FailureCause failure_cause(const Transcript& transcript);

/// The alert carried by a record step (its plaintext when protected), or false when the
/// step is not an alert record. out_level: 1 warning, 2 fatal.
bool alert_in_record(const Step& step, int& out_level, int& out_description);

}  // namespace hl
