// The PostgreSQL GradingRepository (domain/grading) on the store's shared pool.
#pragma once

#include "domain/grading/grading_repository.h"
#include "storage/postgres/connection_pool.h"

namespace yz::pg {

class PostgresGrading final : public GradingRepository {
 public:
  // REQUIRES: `pool` outlives this object.
  explicit PostgresGrading(ConnectionPool& pool) : pool_(pool) {}

  Result<GradingRules> CurrentRules() override;
  Result<GradingRules> Rules(int version) override;
  Result<GradingRules> AddRules(const GradingRules& rules, std::string_view by,
                                UtcTime at) override;
  Result<std::optional<GradingFacts>> Facts(std::string_view station) override;
  Result<void> SaveFacts(const GradingFacts& facts) override;
  Result<std::unordered_map<std::string, StationEvidence>> CollectEvidence(
      const EvidenceWindow& window) override;
  Result<int64_t> AddRun(const GradingRun& run,
                         const std::vector<GradingProposal>& proposals) override;
  Result<std::vector<GradingRun>> ListRuns(std::size_t limit) override;
  Result<std::optional<GradingRun>> FindRun(int64_t id) override;
  Result<std::vector<GradingProposal>> Proposals(int64_t run, std::string_view after,
                                                 std::size_t limit, bool changed_only) override;
  Result<std::optional<GradingProposal>> FindProposal(int64_t run,
                                                      std::string_view station) override;
  Result<void> OverrideProposal(int64_t run, std::string_view station, std::optional<int> stars,
                                std::string_view reason) override;
  Result<GradingRun> Review(int64_t run, bool approve, std::string_view by, std::string_view note,
                            UtcTime at) override;
  Result<std::unordered_map<std::string, int>> CurrentGrades() override;
  Result<std::vector<GradeHistoryLine>> GradeHistory(std::string_view station) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace yz::pg
