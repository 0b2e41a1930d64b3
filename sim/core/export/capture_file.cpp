// Chooses the synthetic connection's options and the comment, then writes the chosen format.
#include "core/export/capture_file.hpp"

#include <chrono>
#include <random>

namespace hl {
namespace {

TcpSynthOptions connection_options(const Scenario& scenario) {
  const auto port = static_cast<std::uint16_t>(scenario.port);
  if (scenario.seed) return tcp_options_for_seed(*scenario.seed, port, scenario.clock);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  return tcp_options_for_seed(std::random_device{}(), port, now.count());
}

std::string comment_text(const Scenario& scenario, const std::string& lesson_id) {
  std::string text = "Handshake Lab lesson " + lesson_id;
  text += scenario.seed ? ", seed " + std::to_string(*scenario.seed) : ", unseeded";
  return text + "; synthetic addresses and TCP around a real in-process TLS run";
}

}  // namespace

Bytes capture_file(const Transcript& transcript, const Scenario& scenario, const std::string& lesson_id,
                   CaptureFormat format) {
  const std::vector<Frame> frames = synthesize_tcp(transcript, connection_options(scenario));
  if (format == CaptureFormat::pcap) return pcap_file(frames);
  return pcapng_file(frames, {comment_text(scenario, lesson_id), transcript.keylog});
}

}  // namespace hl
