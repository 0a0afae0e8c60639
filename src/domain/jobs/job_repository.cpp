#include "domain/jobs/job_repository.h"

namespace yz {

std::string_view JobRunStateCode(JobRunState state) {
  switch (state) {
    case JobRunState::kRunning:
      return "running";
    case JobRunState::kSucceeded:
      return "succeeded";
    case JobRunState::kFailed:
      return "failed";
  }
  return "running";
}

std::optional<JobRunState> ParseJobRunState(std::string_view code) {
  for (JobRunState s : {JobRunState::kRunning, JobRunState::kSucceeded, JobRunState::kFailed}) {
    if (JobRunStateCode(s) == code) return s;
  }
  return std::nullopt;
}

}  // namespace yz
