// The trace as JSON (DESIGN.md §3): the contract scripts and tests read.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/model/transcript.hpp"

namespace hl {

/// What the trace was run from, echoed at the top of the JSON.
struct TraceHeading {
  std::string lesson;
  bool seeded = false;
  std::uint64_t seed = 0;
};

/// {"lesson", "seed", "handshake_complete", "failure", "negotiated", "keylog", "key_exchange", "key_schedule",
///  "key_schedule_checks", "steps": [{index, kind, from, to, title, bytes, fields, ...}], "attacker" (when
///  present)}; a transcript read from a capture adds "source": "capture" and "capture" {file, stream,
///  client, server, keys, events, warnings} (and "lesson" is null); every record fully decoded, every protected record with its recomputed "protection".
///  "failure" is null on success, else {"reason", "alert", "verify"}.
nlohmann::json trace_to_json(const Transcript& transcript, const TraceHeading& heading);

/// Appends trace_to_json(transcript, heading) as append_json(out, ..., indent, depth) writes it
/// (json_text.hpp), streaming the field trees, which are most of a trace, instead of building them.
void append_trace_json(std::string& out, const Transcript& transcript, const TraceHeading& heading, int indent, int depth);

}  // namespace hl
