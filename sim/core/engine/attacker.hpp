// Mallory: the attacker in the middle of the pump. She sees every record and application
// line just before it reaches the other side (through the engine's InterventionHook) and may
// observe, drop, rewrite (fixing up the lengths that enclose what she changed), inject a record
// or line of her own behind one that passed, or hold a record back and deliver it late.
// What she read and what she changed go into Transcript::attacker.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/engine.hpp"
#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// Flips the lowest bit of bytes[offset]. False (nothing changed) when offset is past the end.
bool flip_bit(Bytes& bytes, std::size_t offset);

/// Removes extension `type` from a ClientHello record (one whole record, header included) and
/// shortens the extensions block, the handshake message and the record to match. False,
/// nothing changed, when the record is not a well-formed ClientHello carrying that extension.
bool remove_client_hello_extension(Bytes& record, std::uint16_t type);

/// Mallory for one run. Not copyable: the engine's hook points at her.
class Attacker {
 public:
  /// `progress` is the transcript the pump is filling (events not yet grouped); a step's number
  /// is the one it will carry after group_events(), as the trace shows it.
  Attacker(const Scenario& scenario, const Transcript& progress) : scenario_(scenario), progress_(progress) {}
  Attacker(const Attacker&) = delete;
  Attacker& operator=(const Attacker&) = delete;

  /// True when the scenario puts Mallory on the wire.
  bool present() const { return scenario_.attack != Attack::none; }
  /// Reads the step, then applies the scenario's attack to it; what the pump should do with it.
  Delivery intervene(Step& step);
  /// What she sends right behind `passed` (inject-record, inject-line); empty for other steps.
  std::vector<Step> inject(const Step& passed);
  /// What she read and changed so far.
  const AttackerReport& report() const { return report_; }

 private:
  void observe(const Step& step, std::size_t number);
  void tamper(Step& step, std::size_t number);
  void downgrade(Step& step, std::size_t number);
  bool delay(const Step& step, std::size_t number);
  void changed(std::size_t number, std::string what) { report_.changed.push_back({number, std::move(what)}); }

  const Scenario& scenario_;
  const Transcript& progress_;
  AttackerReport report_{true, {}, {}};
  bool tampered_ = false;
  bool injected_ = false;
  bool delayed_ = false;
};

}  // namespace hl
