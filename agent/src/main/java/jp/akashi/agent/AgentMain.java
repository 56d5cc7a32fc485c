package jp.akashi.agent;

public final class AgentMain {
    public static void main(String[] args) {
        System.out.println("akashi agent");
    }
}
