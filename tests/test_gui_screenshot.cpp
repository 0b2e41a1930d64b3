// The screenshot command renders the real window: several steps give pictures that are not
// blank and differ from each other; usage errors and a missing display fail clearly.
// Runs under xvfb-run (label "gui").
#include <catch2/catch.hpp>

#include "support/cli_run.hpp"

#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

struct Result {
  int status = -1;
  std::string output;  // stdout and stderr together
};

Result run_cli(const std::string& args, const std::string& env = "") {
  hl::test::CliRun run = hl::test::run_cli(args, env);
  return {run.status, run.out + run.err};
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> rgb;
};

Image load(const std::string& path) {
  Image image;
  int channels = 0;
  std::unique_ptr<unsigned char, void (*)(void*)> data(stbi_load(path.c_str(), &image.width, &image.height, &channels, 3),
                                                       stbi_image_free);
  REQUIRE(data);
  image.rgb.assign(data.get(), data.get() + static_cast<std::size_t>(image.width) * image.height * 3);
  return image;
}

std::size_t distinct_colours(const Image& image) {
  std::set<unsigned> colours;
  for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3 * 7) {
    colours.insert(image.rgb[i] << 16 | image.rgb[i + 1] << 8 | image.rgb[i + 2]);
  }
  return colours.size();
}

double fraction_different(const Image& a, const Image& b) {
  REQUIRE(a.rgb.size() == b.rgb.size());
  std::size_t different = 0;
  for (std::size_t i = 0; i < a.rgb.size(); i += 3) {
    if (a.rgb[i] != b.rgb[i] || a.rgb[i + 1] != b.rgb[i + 1] || a.rgb[i + 2] != b.rgb[i + 2]) ++different;
  }
  return static_cast<double>(different) / static_cast<double>(a.rgb.size() / 3);
}

std::filesystem::path temp_dir() {
  auto dir = std::filesystem::temp_directory_path() / ("hl-gui-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST_CASE("Screenshots of several steps are real pictures that differ") {
  auto dir = temp_dir();
  const std::vector<std::pair<std::string, std::string>> shots = {
      {"1", "light"}, {"8", "light"}, {"12", "light"}, {"8", "dark"}, {"8", "high-contrast"}};
  std::vector<Image> images;
  for (const auto& [step, theme] : shots) {
    auto path = (dir / ("step" + step + "-" + theme + ".png")).string();
    Result result = run_cli("screenshot --lesson https-443 --step " + step + " --theme " + theme + " --size 1280x800 --out '" + path + "'");
    INFO(result.output);
    REQUIRE(result.status == 0);
    Image image = load(path);
    CHECK(image.width == 1280);
    CHECK(image.height == 800);
    CHECK(distinct_colours(image) > 20);  // text, arrows, highlights: not a blank or one-colour frame
    images.push_back(std::move(image));
  }
  for (std::size_t i = 0; i < images.size(); ++i) {
    for (std::size_t j = i + 1; j < images.size(); ++j) {
      INFO("shot " << i << " vs " << j);
      CHECK(fraction_different(images[i], images[j]) > 0.005);
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("Screenshot usage errors exit 2 with one line") {
  auto out = (temp_dir() / "bad.png").string();
  Result unknown = run_cli("screenshot --lesson no-such-lesson --step 1 --out '" + out + "'");
  CHECK(unknown.status == 2);
  CHECK(unknown.output.find("no-such-lesson") != std::string::npos);
  Result bad_size = run_cli("screenshot --step 1 --size 12x34 --out '" + out + "'");
  CHECK(bad_size.status == 2);
  CHECK(bad_size.output.find("--size") != std::string::npos);
  Result garbage_size = run_cli("screenshot --step 1 --size big --out '" + out + "'");
  CHECK(garbage_size.status == 2);
  Result past_end = run_cli("screenshot --step 999 --out '" + out + "'");
  CHECK(past_end.status == 2);
  CHECK(past_end.output.find("out of range") != std::string::npos);
  Result bad_theme = run_cli("screenshot --step 1 --theme pink --out '" + out + "'");
  CHECK(bad_theme.status == 2);
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("Without a display the window and screenshots fail with a hint to use xvfb-run") {
  auto out = (temp_dir() / "none.png").string();
  Result shot = run_cli("screenshot --step 1 --out '" + out + "'", "env -u DISPLAY -u WAYLAND_DISPLAY");
  CHECK(shot.status == 1);
  CHECK(shot.output.find("xvfb-run") != std::string::npos);
  Result window = run_cli("", "env -u DISPLAY -u WAYLAND_DISPLAY");
  CHECK(window.status == 1);
  CHECK(window.output.find("xvfb-run") != std::string::npos);
}

TEST_CASE("An unwritable output path fails with status 1") {
  Result result = run_cli("screenshot --step 1 --out /nonexistent-dir/x.png");
  CHECK(result.status == 1);
  CHECK(result.output.find("cannot write") != std::string::npos);
}

TEST_CASE("Screenshots neither read nor write the learner's lesson progress") {
  // Two data homes: one whose progress file marks https-443 opened, one empty. The same seeded
  // shot of the lesson browser (where the "opened" mark would show) must come out the same.
  const auto dir = temp_dir() / "progress";
  const auto with_progress = dir / "with";
  const auto empty = dir / "empty";
  const auto progress_file = with_progress / "handshake-lab" / "progress.json";
  std::filesystem::create_directories(progress_file.parent_path());
  std::filesystem::create_directories(empty);
  const std::string progress_json =
      R"({"version": 1, "lessons": {"https-443": {"opened": true, "correct": ["q1"]}, "ldaps-636": {"opened": true, "correct": []}}})";
  {
    std::FILE* file = std::fopen(progress_file.c_str(), "w");
    REQUIRE(file != nullptr);
    std::fputs(progress_json.c_str(), file);
    std::fclose(file);
  }
  const std::string shot = "screenshot --lesson https-443 --step 3 --seed 7 --view Lessons --size 1280x800 --out ";
  const auto marked_png = (dir / "marked.png").string();
  const auto clean_png = (dir / "clean.png").string();
  Result marked = run_cli(shot + "'" + marked_png + "'", "XDG_DATA_HOME='" + with_progress.string() + "'");
  INFO(marked.output);
  REQUIRE(marked.status == 0);
  Result clean = run_cli(shot + "'" + clean_png + "'", "XDG_DATA_HOME='" + empty.string() + "'");
  INFO(clean.output);
  REQUIRE(clean.status == 0);

  CHECK_FALSE(std::filesystem::exists(empty / "handshake-lab"));  // nothing written
  CHECK(hl::test::read_file(progress_file) == progress_json);     // nothing changed
  CHECK(fraction_different(load(marked_png), load(clean_png)) == 0.0);  // nothing read (and no run time shown)
  std::filesystem::remove_all(dir);
}
