// Why a failed run stopped, in fields: the alert that went on the wire and the certificate
// check behind it, found in the run's steps (the exporters and panes read the same answer).
#pragma once

#include <cstddef>
#include <string>

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

/// Reads the cause out of a transcript's steps (both parts empty for a run without them).
FailureCause failure_cause(const Transcript& transcript);

/// The alert carried by a record step (its plaintext when protected), or false when the
/// step is not an alert record. out_level: 1 warning, 2 fatal.
bool alert_in_record(const Step& step, int& out_level, int& out_description);

}  // namespace hl
