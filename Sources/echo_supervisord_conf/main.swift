import SupervisorConfig

print(SampleConfig.text)
