package dev.runway.common.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * How the advice maps failures to answers (a unit test of the mapping: the services' integration tests
 * exercise it over real HTTP).
 */
class MvcProblemAdviceTest {
    @RestController
    static class Failing {
        @PostMapping("/fail/{kind}")
        void fail(@PathVariable String kind) {
            switch (kind) {
                case "pool" -> throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
                case "transaction" -> throw new CannotCreateTransactionException("Could not open JDBC Connection");
                case "rollback" ->
                    throw new org.springframework.transaction.TransactionSystemException(
                            "JDBC rollback failed", new java.sql.SQLException("Connection is closed", "08003"));
                case "constraint" -> throw new org.springframework.dao.DataIntegrityViolationException("duplicate key");
                default -> throw new IllegalStateException("a bug with a secret inside");
            }
        }
    }

    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new MvcProblemAdvice())
            .build();

    @Test
    void aDatabaseThatCannotBeReachedIsA503ProblemSayingNothingChanged() throws Exception {
        for (String kind : new String[] {"pool", "transaction", "rollback"}) {
            mvc.perform(post("/fail/" + kind))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("urn:runway:problem:database-unavailable"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was changed")));
        }
    }

    @Test
    void aDataErrorThatIsNotAnOutageIsNotDisguisedAsOne() throws Exception {
        mvc.perform(post("/fail/constraint"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:runway:problem:internal-error"));
    }

    @Test
    void anUnexpectedErrorIsA500WithoutItsMessage() throws Exception {
        mvc.perform(post("/fail/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:runway:problem:internal-error"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
    }
}
