package io.vsip4x.simulator;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/** The simulator run alone from the command line ({@code java -jar vsip4x-simulator.jar}). */
final class Standalone {

    private Standalone() {
    }

    /**
     * Runs a simulator until the process ends; a bad option prints the usage and exits with
     * status 2. The console lines are the operator's: where the simulator listens.
     *
     * @throws InterruptedException when interrupted while running
     */
    static void run(String[] args) throws InterruptedException {
        if (CommandLine.wantsHelp(args)) {
            System.out.print(CommandLine.USAGE);
            return;
        }
        SimulatorSettings settings;
        try {
            settings = CommandLine.parse(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        Vsip4xSimulator simulator = new Vsip4xSimulator(settings);
        Set<String> unknown = new TreeSet<>(settings.methodDelays().keySet());
        unknown.removeAll(simulator.methods());
        if (!unknown.isEmpty()) {
            System.err.println("--method-delay names methods the simulator does not serve: " + unknown);
            System.exit(2);
            return;
        }
        simulator.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "vsip4x-sim-shutdown"));
        System.out.println("Vsip4x simulator listening on " + simulator.baseUrl());
        if (simulator.guacdPort() >= 0) {
            System.out.println("Simulated guacd listening on " + settings.bindAddress() + ":" + simulator.guacdPort());
        }
        if (simulator.ukeyMiddlewareUrl() != null) {
            System.out.println("Software UKEY middleware listening on " + simulator.ukeyMiddlewareUrl());
        }
        stopped.await();
    }
}
