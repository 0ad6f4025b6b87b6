public enum SupervisorCore {}
