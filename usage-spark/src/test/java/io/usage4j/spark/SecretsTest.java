package io.usage4j.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usage4j.cli.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.execution.ExplainMode;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.datasources.v2.BatchScanExec;
import org.apache.spark.util.Utils;
import scala.Tuple2;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("credentials given as options")
class SecretsTest {
    static final String CF_TOKEN = "cf-tok-9d1c7e5a3b";
    static final String CLOUDINARY_KEY = "cld-key-41f0a2";
    static final String CLOUDINARY_SECRET = "cld-sec-b7e3d9";
    static final List<String> SECRETS = List.of(CF_TOKEN, CLOUDINARY_KEY, CLOUDINARY_SECRET);

    static SparkSession spark;
    static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = SparkFixture.sandbox();
        spark = SparkFixture.session();
    }

    @AfterAll
    static void stop() {
        spark.stop();
        sandbox.close();
    }

    static DataFrameReader reader() {
        return spark.read().format("usage4j").option("from", "2025-01-01").option("to", "2025-03-01")
                .option("cloudflare.token", CF_TOKEN).option("cloudflare.base_url", sandbox.cloudflareBaseUrl())
                .option("cloudinary.api_key", CLOUDINARY_KEY).option("cloudinary.api_secret", CLOUDINARY_SECRET)
                .option("cloudinary.base_url", sandbox.baseUrl());
    }

    static String urls() {
        return "usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT + ",usage:cloudinary:" + Sandbox.CLOUDINARY_ACCOUNT;
    }

    static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertThat(text).doesNotContain(secret);
        }
    }

    @Nested
    @DisplayName("Spark's own redaction")
    class SparkRedaction {
        @Test
        @DisplayName("spark.redaction.regex catches cloudflare.token but not cloudinary.api_key, so usage4j masks by the providers' declarations")
        void regexIsNotEnough() {
            // Spark's own redaction function, with the session's configuration (spark.redaction.regex).
            Seq<Tuple2<String, String>> redacted = Utils.redact(spark.sparkContext().getConf(), CollectionConverters.asScala(
                    List.of(new Tuple2<>("cloudflare.token", CF_TOKEN), new Tuple2<>("cloudinary.api_secret", CLOUDINARY_SECRET),
                            new Tuple2<>("cloudinary.api_key", CLOUDINARY_KEY))).toSeq());
            List<Tuple2<String, String>> pairs = CollectionConverters.asJava(redacted);
            assertThat(pairs.get(0)._2()).isNotEqualTo(CF_TOKEN);
            assertThat(pairs.get(1)._2()).isNotEqualTo(CLOUDINARY_SECRET);
            assertThat(pairs.get(2)._2()).as("Spark would print this credential").isEqualTo(CLOUDINARY_KEY);
        }
    }

    @Nested
    @DisplayName("never appear")
    class NeverAppear {
        @Test
        @DisplayName("in explain() of every mode, the plan strings, or the input partitions' toString()")
        void plans() {
            Dataset<Row> usage = reader().load(urls()).filter(col("BillingAccountId").isNotNull());
            List<String> texts = new ArrayList<>();
            for (String mode : List.of("simple", "extended", "codegen", "cost", "formatted")) {
                texts.add(usage.queryExecution().explainString(ExplainMode.fromString(mode)));
            }
            texts.add(usage.queryExecution().toString());
            texts.add(usage.queryExecution().logical().toString());
            texts.add(usage.queryExecution().analyzed().toString());
            texts.add(usage.queryExecution().optimizedPlan().toString());
            texts.add(usage.queryExecution().executedPlan().toString());
            texts.add(usage.queryExecution().optimizedPlan().treeString(true, true, 1000, true, true));
            // The input partitions as Spark logs them, taken from the physical plan's scan.
            List<SparkPlan> leaves = CollectionConverters.asJava(usage.queryExecution().executedPlan().collectLeaves());
            BatchScanExec scan = (BatchScanExec) leaves.stream().filter(BatchScanExec.class::isInstance).findFirst().orElseThrow();
            InputPartition[] partitions = scan.scan().toBatch().planInputPartitions();
            assertThat(partitions).hasSize(3);
            for (InputPartition partition : partitions) {
                texts.add(partition.toString());
            }
            texts.add(scan.scan().toBatch().createReaderFactory().toString());
            String all = String.join("\n", texts);
            assertThat(all).contains("usage4j").contains("usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT)
                    .contains("cloudflare.token=****").contains("cloudinary.api_key=****");
            assertNoSecret(all);
        }

        @Test
        @DisplayName("in Spark's and usage4j's log lines (INFO and up, usage4j at DEBUG), even when a split fails")
        void logs() {
            LogCapture capture = LogCapture.begin();
            try {
                assertThat(reader().load(urls()).count()).isPositive();
                assertThatThrownBy(() -> reader()
                        .load("usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT + "?dataset=paygo").count())
                        .hasMessageContaining("dataset=paygo");
            } finally {
                capture.stop();
            }
            String logged = capture.text();
            assertThat(logged).as("the capture saw Spark's log lines").contains("org.apache.spark");
            assertThat(logged).as("and the failed task's").contains("dataset=paygo");
            assertNoSecret(logged);
        }
    }

    @Nested
    @DisplayName("in a usage URL")
    class InUrl {
        @Test
        @DisplayName("are refused on the driver, before any task, without echoing the value")
        void refused() {
            String url = "usage:cloudflare:" + Sandbox.CLOUDFLARE_ACCOUNT + "?token=" + CF_TOKEN;
            assertThatThrownBy(() -> reader().load(url).count())
                    .isInstanceOf(io.usage4j.core.ConfigurationException.class)
                    .hasMessageContaining("carries the credential 'token'")
                    .hasMessageContaining("cloudflare.token")
                    .hasMessageNotContaining(CF_TOKEN);
        }
    }

    /** Every log event of every logger, INFO and up (usage4j at DEBUG), into memory, with stack traces. */
    static final class LogCapture extends AbstractAppender {
        private final StringBuilder text = new StringBuilder();
        private final LoggerContext context;
        private final Level rootLevel;

        private LogCapture(LoggerContext context) {
            super("usage4j-capture", null, null, true, Property.EMPTY_ARRAY);
            this.context = context;
            this.rootLevel = context.getConfiguration().getRootLogger().getLevel();
        }

        static LogCapture begin() {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            LogCapture capture = new LogCapture(context);
            capture.start();
            Configuration config = context.getConfiguration();
            config.getRootLogger().addAppender(capture, Level.ALL, null);
            config.getRootLogger().setLevel(Level.INFO);
            LoggerConfig usage4j = new LoggerConfig("io.usage4j", Level.DEBUG, true);
            config.addLogger("io.usage4j", usage4j);
            context.updateLoggers();
            return capture;
        }

        @Override
        public void append(LogEvent event) {
            synchronized (text) {
                text.append(event.getLoggerName()).append(' ').append(event.getMessage().getFormattedMessage()).append('\n');
                if (event.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    event.getThrown().printStackTrace(new PrintWriter(trace));
                    text.append(trace).append('\n');
                }
            }
        }

        @Override
        public void stop() {
            Configuration config = context.getConfiguration();
            config.getRootLogger().removeAppender(getName());
            config.getRootLogger().setLevel(rootLevel);
            config.removeLogger("io.usage4j");
            context.updateLoggers();
            super.stop();
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
