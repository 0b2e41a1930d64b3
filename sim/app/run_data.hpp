// One finished run as the window shows it: the transcript, its decoded trees and the
// display strings cached once per run so no frame rebuilds them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/field_lookup.hpp"
#include "app/run_crypto.hpp"
#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"
#include "core/wire/decode.hpp"
#include "core/wire/x509.hpp"

namespace hl::app {

/// How many colour slots the hex view's palette has (see ui/theme.hpp).
inline constexpr int kNumFieldColours = 8;

/// Display strings and colour runs for one step, built once per run.
struct StepDisplay {
  std::string title;                       // the step's title, or its kind when empty
  std::string size_text;                   // "517 B" for records and app lines, empty for events
  std::string size_tip;                    // which size that is: "74 B: the record on the wire (5-byte header + 69-byte fragment)"
  std::vector<ColouredRange> wire_colours;   // leaves over Step::bytes
  std::vector<ColouredRange> plain_colours;  // leaves over Step::plaintext
  std::string flight;       // on the first step of a flight of the run's flow: "flight 2: server hello to Finished"
  std::uint8_t flight_number = 0;  // that flight's number (from 1); 0 on every other step
  bool unexpected = false;  // carries the first message the run's flow does not expect: the attacker's work
  std::string connection_start;  // on the first step of each later connection of a run whose connections follow
                                 // one another (resumption): "connection 2: resumed"
};

/// A finished run, immutable once built; shared between the runner thread and the views.
struct RunData {
  Scenario scenario;
  Transcript transcript;
  std::vector<wire::DecodedStep> decoded;  // one per step (may be shorter if the decoder is absent)
  std::vector<StepDisplay> display;        // one per step
  std::vector<wire::CertSummary> server_chain;  // what the server sent, leaf first (filled by run_and_decode)
  std::vector<wire::CertSummary> client_chain;  // mutual TLS: what the client sent, leaf first; empty when none
  std::shared_ptr<const RunCrypto> crypto;     // the key exchange, key schedule and opened records, computed once per run
  double run_ms = 0;                           // engine + decoder time, for the status line
  std::string origin;                          // where a run recorded elsewhere came from ("live connection 1 with ..."); empty for the engine's
  std::shared_ptr<const RunData> every_event;  // the same run with every event a step of its own (View > Every event)
};

/// Builds the display cache around an already decoded transcript.
std::shared_ptr<RunData> make_run_data(Scenario scenario, Transcript transcript,
                                       std::vector<wire::DecodedStep> decoded);

/// "517 B" or "1.2 KiB": a byte count for labels.
std::string size_label(std::size_t num_bytes);

}  // namespace hl::app
