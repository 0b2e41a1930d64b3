// The window's live server: a real curl connects to it, and the connection opens in the views.
#include <thread>

#include "gui_window.hpp"

using namespace hl;

TEST_CASE("a real client's connection to the window's live server opens in the views") {
  test::GuiWindow window({}, 1280, 800);
  std::string error;
  REQUIRE(window.app->live_feed().start(Scenario{}, 0, error));
  const std::string address = window.app->live_feed().address();
  const std::string port = address.substr(address.rfind(':') + 1);
  const std::string command = "curl -s --max-time 5 --cacert '" + window.app->live_feed().ca_path().string() +
                              "' https://localhost:" + port + "/ >/dev/null";
  std::thread client([&] { std::system(command.c_str()); });

  // The lesson's own run has both sides' events; a live connection only the lab server's.
  auto live_run_shown = [&] {
    const app::RunData* run = window.app->session().run();
    if (run == nullptr || run->transcript.steps.empty()) return false;
    for (const Step& step : run->transcript.steps)
      if (step.kind == StepKind::event && step.from == Side::client) return false;
    return true;
  };
  for (auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
       !live_run_shown() && std::chrono::steady_clock::now() < end;)
    window.frame();
  client.join();
  REQUIRE(live_run_shown());
  const Transcript& transcript = window.app->session().run()->transcript;
  CHECK(transcript.handshake_complete);
  bool curl_request = false;
  for (const Step& step : transcript.steps) {
    const std::string plaintext(step.plaintext.begin(), step.plaintext.end());
    curl_request = curl_request || (step.from == Side::client && plaintext.find("User-Agent: curl/") != std::string::npos);
  }
  CHECK(curl_request);
  window.frames(2);  // the views draw a live run like any other
  window.app->live_feed().stop();
  CHECK_FALSE(window.app->live_feed().listening());
}
