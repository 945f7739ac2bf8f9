/** Entry points, stage orchestration and Delta tables. */
package ai.fym.jobs;
